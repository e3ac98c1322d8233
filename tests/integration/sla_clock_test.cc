// SLA clocks on a real Redis: scheduled with the orders, fired exactly once when two
// sweepers (two feedback replicas) race, and retired once the order has moved on.
#include <catch2/catch.hpp>
#include <thread>

#include "dispatcher.h"
#include "flow_helpers.h"
#include "sla_sweeper.h"

namespace v1 = liandong::v1;
using namespace liandong;
using namespace liandong::testing;

namespace {

int Count(const std::vector<std::string>& types, const std::string& type) {
  return static_cast<int>(std::count(types.begin(), types.end(), type));
}

}  // namespace

TEST_CASE("two sweepers racing fire every due clock exactly once") {
  Suite s;
  // Ten confirmed cases, each with one order and five clocks.
  std::vector<std::string> case_ids;
  for (int i = 0; i < 10; ++i) {
    case_ids.push_back(SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区停水两天了，水龙头没水",
                                                "clock-" + std::to_string(i))
                           .case_id());
  }
  auto options = store::ParseRedisAddress(s.redis_server().address());
  auto redis = std::make_shared<store::RedisClient>(*options);
  store::CaseStore store(redis, store::Keys());
  feedback::SlaSweeper first(store, absl::Seconds(1), absl::Seconds(2)),
      second(store, absl::Seconds(1), absl::Seconds(2));
  // Far enough ahead that every clock is due: both replicas sweep at the same moment.
  const absl::Time later = absl::Now() + absl::Hours(24 * 30);
  absl::StatusOr<int> fired_a, fired_b;
  std::thread a([&] { fired_a = first.SweepOnce(later); });
  std::thread b([&] { fired_b = second.SweepOnce(later); });
  a.join();
  b.join();
  REQUIRE(fired_a.ok());
  REQUIRE(fired_b.ok());
  CHECK(*fired_a + *fired_b == 10 * 5);
  for (const auto& id : case_ids) {
    const auto types = TimelineTypes(GetCase(s, id));
    CHECK(Count(types, "reminder") == 2);     // sign-for and resolve, at 80 %
    CHECK(Count(types, "supervision") == 2);  // both deadlines missed
    CHECK(Count(types, "escalated") == 1);    // five working days later
  }
  auto left = s.redis().Command({"ZCARD", "ld:sla"});
  REQUIRE(left.ok());
  CHECK(left->integer == 0);
}

TEST_CASE("signing for an order cancels its sign-for clocks") {
  Suite s;
  const auto c = SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区停水两天了", "clock-signed");
  // Scores are the deadlines to the millisecond (a rounded score once moved them by ~80 min).
  auto due = s.redis().Command({"ZSCORE", "ld:due", c.orders(0).order_id() + "|sign_for"});
  REQUIRE(due.ok());
  const auto& sign_due = c.orders(0).sign_due();
  CHECK(due->str == std::to_string(sign_due.seconds() * 1000 + sign_due.nanos() / 1000000));
  auto before = s.redis().Command({"ZCARD", "ld:sla"});
  REQUIRE(before->integer == 5);
  Sign(s, c.orders(0));
  auto after = s.redis().Command({"ZCARD", "ld:sla"});
  CHECK(after->integer == 3);  // only the resolve clocks remain
  Resolve(s, c.orders(0), "已恢复供水");
  after = s.redis().Command({"ZCARD", "ld:sla"});
  CHECK(after->integer == 0);
}
