// Fault c: a partner replica crashes before signing: its order is re-delivered to another
// replica after the visibility timeout. An order nobody signs goes to the dead-letter stream
// with the reason, and a supervision event is raised.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "flow_helpers.h"
#include "partner.h"
#include "store/streams.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

SuiteOptions ShortVisibility() {
  return SuiteOptions{
      "everysec", {{"dispatch", {"--visibility_timeout_ms", "800", "--max_deliveries", "3"}}}, ""};
}

bool WaitFor(const std::function<bool()>& condition, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!condition() && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

constexpr char kWater[] = "agency:water_company";

}  // namespace

TEST_CASE("a replica that crashes before signing: another replica gets the order and signs") {
  Suite s(ShortVisibility());
  Partner crashing(s.address("dispatch"), kWater, "replica-a", /*auto_sign=*/false);
  crashing.Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // A is reading first
  const auto c = SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区停水两天了，水龙头没水", "crash-1");
  REQUIRE(c.orders_size() == 1);
  const std::string order_id = c.orders(0).order_id();
  REQUIRE(WaitFor([&] { return crashing.received().count(order_id) == 1; }, 5));
  crashing.Stop();  // gone without signing

  Partner survivor(s.address("dispatch"), kWater, "replica-b", /*auto_sign=*/true);
  survivor.Start();
  CHECK(WaitFor([&] { return survivor.signed_ids().count(order_id) == 1; }, 10));
  // Handed back when A's stream ended: not a failed delivery, so the count is not raised.
  CHECK(survivor.max_delivery_count() == 1);
  const auto after = GetCase(s, order_id.substr(0, order_id.rfind("-O")));
  CHECK(after.orders(0).status() == v1::ORDER_SIGNED);
  CHECK(after.orders(0).signed_by() == "replica-b");
  CHECK(PendingCount(s, std::string("ld:wo:") + kWater) == 0);
}

TEST_CASE("an order nobody signs is dead-lettered with its reason and a supervision event") {
  Suite s(ShortVisibility());
  Partner ignoring(s.address("dispatch"), kWater, "replica-c", /*auto_sign=*/false);
  ignoring.Start();
  const auto c = SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区停水两天了，水龙头没水", "dlq-1");
  const std::string dlq = std::string("ld:dlq:") + kWater;
  REQUIRE(WaitFor([&] { return StreamLength(s, dlq) == 1; }, 15));
  ignoring.Stop();
  CHECK(ignoring.max_delivery_count() == 3);  // delivered max_deliveries times, then parked
  auto entries = s.redis().Command({"XRANGE", dlq, "-", "+"});
  REQUIRE(entries.ok());
  const auto parked = liandong::store::ParseEntries(*entries);
  REQUIRE(parked.size() == 1);
  CHECK(parked[0].Field("order_id") == c.orders(0).order_id());
  CHECK(parked[0].Field("reason").find("not signed for after 3 deliveries") != std::string::npos);
  const auto after = GetCase(s, c.case_id());
  CHECK(after.orders(0).status() == v1::ORDER_DEAD_LETTERED);
  const auto types = TimelineTypes(after);
  CHECK(std::count(types.begin(), types.end(), "dead_lettered") == 1);
  CHECK(std::count(types.begin(), types.end(), "supervision") == 1);
  CHECK(PendingCount(s, std::string("ld:wo:") + kWater) == 0);
}
