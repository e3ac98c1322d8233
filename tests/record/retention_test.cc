// Bounded Redis: a closed case's key expires and streams are trimmed only once what they hold
// is archived (ld:events) or no longer needed by a consumer group (order streams).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "absl/strings/ascii.h"
#include "flow_helpers.h"
#include "record_helpers.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

long long Integer(Suite& s, const std::vector<std::string>& argv) {
  auto reply = s.redis().Command(argv);
  REQUIRE(reply.ok());
  return reply->integer;
}

bool WaitFor(const std::function<bool()>& done, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return done();
}

}  // namespace

TEST_CASE("retention expiry and stream trimming happen only after archiving") {
  Suite s;
  PostgresServer pg;
  ArchiverProcess a(s.redis_server().address(), pg.conninfo(),
                    {"--retention", "2s", "--trim_interval", "200ms", "--events_keep", "0s"});
  pg.Stop();  // nothing can be archived from here on

  // Two cases to the same agency: the first runs the whole loop, the second stays unsigned.
  const v1::Case closed =
      SubmitAndConfirmRetrying(s, v1::SIDE_12345, "小区停水两天了，一直没来水", "r-1");
  const v1::Case open =
      SubmitAndConfirmRetrying(s, v1::SIDE_12345, "我们楼停水了，什么时候来水", "r-2");
  REQUIRE(closed.orders_size() == 1);
  REQUIRE(open.orders_size() == 1);
  const std::string destination = closed.orders(0).destination();
  REQUIRE(open.orders(0).destination() == destination);
  const std::string orders_key = "ld:wo:" + destination;
  REQUIRE(ReadOrders(s, destination, "agency-1", 2).size() == 2);  // both pending now
  Sign(s, closed.orders(0));
  Resolve(s, closed.orders(0), "已恢复供水");
  Callback(s, closed.case_id(), 5);
  REQUIRE(Close(s, closed.case_id()).status() == v1::CASE_CLOSED);
  const long long events = StreamLength(s, "ld:events");

  // Order streams do not wait for the archive: the signed entry goes, the unsigned one stays.
  REQUIRE(WaitFor([&] { return StreamLength(s, orders_key) == 1; }, 5));
  auto left = s.redis().Command({"XRANGE", orders_key, "-", "+"});
  REQUIRE(left.ok());
  CHECK(left->elements[0].elements[0].str ==
        GetCase(s, open.case_id()).orders(0).stream_entry_id());

  // Well past the retention and many trim passes later, nothing unarchived has gone.
  std::this_thread::sleep_for(std::chrono::seconds(3));
  CHECK(Integer(s, {"TTL", "ld:case:{" + closed.case_id() + "}"}) == -1);
  CHECK(StreamLength(s, "ld:events") == events);

  pg.Start();
  REQUIRE(WaitArchived(s, pg, 20, events));  // ld:events is trimmed as soon as it is archived
  // Archived: ld:events shrinks to its last entry, the closed case expires, the open one stays.
  CHECK(WaitFor([&] { return StreamLength(s, "ld:events") <= 1; }, 5));
  CHECK(WaitFor(
      [&] {
        return Integer(s, {"EXISTS", "ld:case:{" + closed.case_id() + "}"}) == 0;
      },
      6));
  CHECK(Integer(s, {"TTL", "ld:case:{" + open.case_id() + "}"}) == -1);
  CHECK(absl::StripAsciiWhitespace(pg.Query("SELECT count(*) FROM events")) ==
        std::to_string(events));

  // The record still tells the whole story of the expired case.
  v1::GetCaseRecordRequest req;
  req.set_case_id(closed.case_id());
  v1::CaseRecord record;
  REQUIRE(a.record().GetCaseRecord(Ctx(Supervisor()).get(), req, &record).ok());
  CHECK(record.snapshot().status() == v1::CASE_CLOSED);
  REQUIRE(!record.events().empty());
  CHECK(record.events(record.events_size() - 1).type() == "closed");
}
