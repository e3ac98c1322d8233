// The archiver under faults: killed with SIGKILL mid-stream, PostgreSQL down for a while,
// Redis restarted. In every case each ld:events entry must end up in the record exactly once.
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <set>
#include <thread>

#include "absl/strings/ascii.h"
#include "flow_helpers.h"
#include "record_helpers.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

// Calls submitted and confirmed until `stop` (each ~4 events), retrying through outages.
int SubmitUntil(Suite& s, const std::atomic<bool>& stop, const std::string& prefix,
                std::chrono::milliseconds pause) {
  int n = 0;
  for (; !stop; ++n) {
    SubmitAndConfirmRetrying(s, n % 2 ? v1::SIDE_110 : v1::SIDE_12345,
                             "小区停水两天了，第" + std::to_string(n) + "次反映",
                             prefix + std::to_string(n));
    std::this_thread::sleep_for(pause);
  }
  return n;
}

void RequireExactlyOnce(Suite& s, PostgresServer& pg) {
  REQUIRE(WaitArchived(s, pg, 30));
  const auto in_redis = RedisEventIds(s);
  const auto in_record = RecordEventIds(pg);
  REQUIRE(in_redis.size() > 20);
  CHECK(std::set<std::string>(in_record.begin(), in_record.end()).size() == in_record.size());
  REQUIRE(in_record == in_redis);
}

}  // namespace

TEST_CASE("archiver killed with SIGKILL mid-stream: every event in PostgreSQL exactly once") {
  Suite s;
  PostgresServer pg;
  // Small batches, so kills land between commit and acknowledgement as well as inside both.
  ArchiverProcess a(s.redis_server().address(), pg.conninfo(), {"--batch", "4"});
  std::atomic<bool> stop{false};
  int calls = 0;
  std::thread submitter(
      [&] { calls = SubmitUntil(s, stop, "kill-", std::chrono::milliseconds(5)); });
  for (int kill = 0; kill < 4; ++kill) {
    std::this_thread::sleep_for(std::chrono::milliseconds(600));
    a.Kill9();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    a.Start();
  }
  stop = true;
  submitter.join();
  RequireExactlyOnce(s, pg);
  std::cout << "archiver kill -9 x4: " << calls << " calls, " << RecordEventIds(pg).size()
            << " events archived exactly once" << std::endl;

  // Per-case order: the record's history of a case is its timeline, in order.
  const std::string case_id(
      absl::StripAsciiWhitespace(pg.Query("SELECT case_id FROM cases ORDER BY case_id LIMIT 1")));
  const v1::Case c = GetCase(s, case_id);
  v1::GetCaseRecordRequest req;
  req.set_case_id(c.case_id());
  v1::CaseRecord record;
  REQUIRE(a.record().GetCaseRecord(Ctx(Supervisor()).get(), req, &record).ok());
  std::vector<std::string> archived;
  for (const auto& e : record.events()) archived.push_back(e.type());
  CHECK(archived == TimelineTypes(c));
  CHECK(record.snapshot().version() == c.version());
}

TEST_CASE("PostgreSQL down for 15 s: calls keep flowing, the archive catches up, nothing lost") {
  Suite s;
  PostgresServer pg;
  ArchiverProcess a(s.redis_server().address(), pg.conninfo());
  std::atomic<bool> stop{false};
  int before = 0;
  std::thread warmup(
      [&] { before = SubmitUntil(s, stop, "warm-", std::chrono::milliseconds(20)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  stop = true;
  warmup.join();
  REQUIRE(WaitArchived(s, pg, 20));

  pg.Stop();
  const auto down_at = std::chrono::steady_clock::now();
  stop = false;
  int during = 0;
  std::thread submitter(
      [&] { during = SubmitUntil(s, stop, "down-", std::chrono::milliseconds(100)); });
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK_FALSE(Ready(a.address()));  // health reflects PostgreSQL
  std::this_thread::sleep_for(std::chrono::seconds(12));
  stop = true;
  submitter.join();
  const double outage =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - down_at).count();
  // Calls went on (every one confirmed: SubmitAndConfirmRetrying fails the test otherwise).
  CHECK(during >= 30);
  const auto waiting = s.redis().Command({"XINFO", "GROUPS", "ld:events"});
  REQUIRE(waiting.ok());

  pg.Start();
  const auto back_at = std::chrono::steady_clock::now();
  RequireExactlyOnce(s, pg);
  const double catch_up =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - back_at).count();
  std::cout << "postgres down " << outage << " s: " << during << " calls during, archive caught up "
            << catch_up << " s after restart" << std::endl;
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  CHECK(Ready(a.address()));
}

TEST_CASE("Redis restarted: archiving resumes from its consumer group") {
  Suite s;
  PostgresServer pg;
  ArchiverProcess a(s.redis_server().address(), pg.conninfo());
  std::atomic<bool> stop{false};
  std::thread first([&] { SubmitUntil(s, stop, "before-", std::chrono::milliseconds(20)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(800));
  stop = true;
  first.join();
  REQUIRE(WaitArchived(s, pg, 20));
  const auto archived_before = RecordEventIds(pg).size();
  const double repeated_before =
      MetricValue(a.metrics_port(), "liandong_archiver_events_repeated_total");

  s.redis_server().Restart();
  stop = false;
  std::thread second([&] { SubmitUntil(s, stop, "after-", std::chrono::milliseconds(20)); });
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  stop = true;
  second.join();
  RequireExactlyOnce(s, pg);
  CHECK(RecordEventIds(pg).size() > archived_before);
  // The group survived the restart (AOF): nothing archived before was read again.
  CHECK(MetricValue(a.metrics_port(), "liandong_archiver_events_repeated_total") ==
        repeated_before);
}
