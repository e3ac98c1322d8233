// Deliveries are counted by deliveries, not by looks, and a stalled desk loses its orders to a
// healthy one within seconds.
#include <signal.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "absl/strings/str_split.h"
#include "child_process.h"
#include "flow_helpers.h"
#include "partner.h"
#include "temp_dir.h"

using namespace liandong;
using namespace liandong::testing;

namespace {

const char kWater[] = "agency:water_company";

std::vector<std::string> Dispatched(Suite& s, int n, const std::string& tag) {
  std::vector<std::string> ids;
  for (int i = 0; i < n; ++i) {
    const auto c = SubmitAndConfirmRetrying(s, v1::SIDE_110,
                                            "小区停水两天了，水龙头没水 " + tag + std::to_string(i),
                                            tag + "-" + std::to_string(i));
    REQUIRE(c.orders_size() == 1);
    REQUIRE(c.orders(0).destination() == kWater);
    ids.push_back(c.orders(0).order_id());
  }
  return ids;
}

}  // namespace

TEST_CASE("ten re-subscriptions dead-letter nothing") {
  SuiteOptions options;
  options.flags["dispatch"] = {"--max_deliveries", "2"};
  Suite s(options);
  const auto ids = Dispatched(s, 1, "resub");
  for (int round = 0; round < 10; ++round) {
    // A desk reconnecting: the server notices the last stream's end within a second (its
    // blocking read), and one identity may hold only four streams at once.
    std::this_thread::sleep_for(std::chrono::milliseconds(1100));
    const auto got = ReadOrders(s, kWater, "desk-1", 1, 5);
    INFO("round " << round);
    REQUIRE(got.size() == 1);
    CHECK(got[0].order().order_id() == ids[0]);
  }
  CHECK(StreamLength(s, std::string("ld:dlq:") + kWater) == 0);
  CHECK(GetCase(s, ids[0].substr(0, ids[0].rfind("-O"))).orders(0).status() ==
        v1::ORDER_DISPATCHED);
}

TEST_CASE("a stalled subscriber's orders are signed by a healthy one within 10 s") {
  SuiteOptions options;
  // Pings every second; a peer that does not answer one within a second is dropped.
  options.flags["dispatch"] = {"--keepalive_ms", "1000", "--keepalive_timeout_ms", "1000"};
  Suite s(options);
  TempDir dir;
  // The stalled desk: a real client process that takes orders, then freezes (SIGSTOP).
  const std::string flags = TestPki::Get().ClientFlags(WorkerOf(kWater, "stalled-desk"));
  std::vector<std::string> args = {"watch",         "--dispatch", s.address("dispatch"),
                                   "--destination", kWater,       "--consumer",
                                   "stalled",       "--count",    "100"};
  for (absl::string_view f : absl::StrSplit(flags, ' ', absl::SkipEmpty())) {
    args.emplace_back(f);
  }
  ChildProcess stalled(LIANDONG_DESK_BIN, args, dir.File("stalled.log"));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  const auto ids = Dispatched(s, 3, "stall");
  // Wait until the stalled desk holds them all (pending under its name), then freeze it.
  const std::string key = std::string("ld:wo:") + kWater;
  for (int i = 0; i < 100 && PendingCount(s, key) < 3; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  REQUIRE(PendingCount(s, key) == 3);
  REQUIRE(kill(stalled.pid(), SIGSTOP) == 0);

  const auto start = std::chrono::steady_clock::now();
  Partner healthy(s.address("dispatch"), kWater, "healthy", true);
  healthy.Start();
  while (healthy.signed_ids().size() < ids.size() &&
         std::chrono::steady_clock::now() - start < std::chrono::seconds(10)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  INFO("signed by the healthy desk after " << seconds << " s");
  CHECK(healthy.signed_ids() == std::set<std::string>(ids.begin(), ids.end()));
  healthy.Stop();
  kill(stalled.pid(), SIGCONT);
  stalled.Kill9();
}

TEST_CASE("one slow subscriber holds at most its in-flight limit") {
  SuiteOptions options;
  options.flags["dispatch"] = {"--max_in_flight", "4"};
  Suite s(options);
  Dispatched(s, 10, "slow");
  const auto slow = ReadOrders(s, kWater, "slow", 10, 3);  // reads, never signs
  CHECK(slow.size() == 4);
}
