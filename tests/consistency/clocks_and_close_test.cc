// Clocks a skewed replica cannot fire early; no case closes with work still open; duplicates
// found by place; a supervisor's merge after dispatch keeps one order.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "flow_helpers.h"
#include "sla_sweeper.h"

using namespace liandong;
using namespace liandong::testing;

namespace {

v1::Case SubmitAt(Suite& s, const std::string& text, const std::string& address,
                  const std::string& request_id) {
  v1::SubmitCallRequest req;
  req.set_request_id(request_id);
  req.set_side(v1::SIDE_110);
  req.set_channel(v1::CHANNEL_PHONE);
  req.set_text(text);
  req.set_operator_id("op-110");
  req.mutable_caller()->set_phone("13800000003");
  req.mutable_location()->set_address(address);
  req.mutable_location()->set_district_code("120101");
  v1::Case out;
  auto status = s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(), req, &out);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return out;
}

v1::Case ConfirmAt(Suite& s, const std::string& text, const std::string& address,
                   const std::string& request_id) {
  return Confirm(s, SubmitAt(s, text, address, request_id).case_id());
}

grpc::Status CloseAs(Suite& s, const Who& who, v1::CloseCaseRequest req, v1::Case* out) {
  return s.feedback().CloseCase(Ctx(who).get(), req, out);
}

}  // namespace

TEST_CASE("a replica whose clock runs 10 days fast fires nothing") {
  Suite s;
  const auto c = ConfirmAt(s, "小区停水两天了，水龙头没水", "和平区己路1号", "skew-1");
  REQUIRE(c.orders_size() == 1);
  auto options = store::ParseRedisAddress(s.redis_server().address());
  auto redis = std::make_shared<store::RedisClient>(*options);
  store::CaseStore store(redis, store::Keys());
  std::atomic<int> refusals{0}, fired{0};
  std::atomic<double> seen_skew{0};
  feedback::SlaSweeper::Observers observers;
  observers.local_clock = [] { return absl::Now() + absl::Hours(24 * 10); };
  observers.on_skew = [&](double skew, bool refused) {
    seen_skew = skew;
    if (refused) ++refusals;
  };
  observers.on_fired = [&](const std::string&) { ++fired; };
  feedback::SlaSweeper fast(store, absl::Milliseconds(100), absl::Seconds(2), observers);
  CHECK(absl::IsFailedPrecondition(fast.SharedNow().status()));
  fast.Start();
  std::this_thread::sleep_for(std::chrono::seconds(2));
  fast.Stop();
  CHECK(refusals > 5);
  CHECK(seen_skew > 9 * 24 * 3600.0);
  CHECK(fired == 0);
  const auto types = TimelineTypes(GetCase(s, c.case_id()));
  CHECK(std::count(types.begin(), types.end(), "reminder") == 0);
  CHECK(std::count(types.begin(), types.end(), "supervision") == 0);

  // The same sweeper with a true clock reads Redis's time and runs.
  feedback::SlaSweeper honest(store, absl::Milliseconds(100), absl::Seconds(2));
  auto now = honest.SharedNow();
  REQUIRE(now.ok());
  CHECK(absl::AbsDuration(*now - absl::Now()) < absl::Seconds(2));
}

TEST_CASE("a case does not close while an order is open, and a cancel ends its orders") {
  Suite s;
  const auto c = ConfirmAt(s, "小区停水两天了，水龙头没水", "和平区庚路1号", "close-1");
  REQUIRE(c.orders_size() == 1);
  v1::CloseCaseRequest req;
  req.set_case_id(c.case_id());
  req.set_operator_id("op-110");
  req.set_reason(v1::CLOSED_NOT_RESPONSIBLE);
  req.set_closed_to("区水务局");
  v1::Case out;
  auto refused = CloseAs(s, Operator(v1::SIDE_110, "op-110"), req, &out);
  CHECK(refused.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK_THAT(refused.error_message(), Catch::Contains(c.orders(0).order_id()));

  req.set_operator_id("sup-1");
  req.set_reason(v1::CLOSED_CANCELLED);
  req.set_note("caller withdrew the report");
  auto cancelled = CloseAs(s, Supervisor(), req, &out);
  INFO(cancelled.error_message());
  REQUIRE(cancelled.ok());
  CHECK(out.status() == v1::CASE_CLOSED);
  CHECK(out.orders(0).status() == v1::ORDER_CLOSED);
  // Its clocks are gone and its stream entry is never delivered.
  auto clocks = s.redis().Command({"ZCARD", "ld:sla"});
  REQUIRE(clocks.ok());
  CHECK(clocks->integer == 0);
  CHECK(ReadOrders(s, c.orders(0).destination(), "desk-1", 1, 2).empty());
}

TEST_CASE("duplicates are found by place: vague addresses never match, variants do") {
  Suite s;
  const char kWater[] = "小区停水两天了，水龙头没水";
  const auto first = ConfirmAt(s, kWater, "和平区辛路8号", "dup-first");
  REQUIRE(first.orders_size() == 1);
  for (const char* vague : {"号", "8", "A", "和平区"}) {
    INFO(vague);
    const auto other = ConfirmAt(s, kWater, vague, std::string("dup-vague-") + vague);
    CHECK(other.duplicate_of().empty());
    CHECK(other.orders_size() == 1);
  }
  const auto variant = ConfirmAt(s, kWater, "天津市和平区辛路八号3单元", "dup-variant");
  CHECK(variant.duplicate_of() == first.case_id());
  CHECK(variant.orders_size() == 0);
  CHECK(GetCase(s, first.case_id()).linked_size() == 1);
}

TEST_CASE("a second emergency call about the same place joins the first incident") {
  Suite s;
  const char kGas[] = "楼道里一股很浓的煤气味，怕要爆炸";
  const auto first = ConfirmAt(s, kGas, "和平区阳光小区3栋", "gas-1");
  REQUIRE(first.confirmed().disposition() == v1::EMERGENCY_110);
  const int orders = first.orders_size();
  REQUIRE(orders >= 1);
  const auto second = ConfirmAt(s, kGas, "阳光小区3号楼2单元", "gas-2");
  CHECK(second.duplicate_of() == first.case_id());
  CHECK(second.orders_size() == 0);
  const auto after = GetCase(s, first.case_id());
  CHECK(after.orders_size() == orders);
  CHECK(after.linked_size() == 1);
}

TEST_CASE("a supervisor merges a dispatched duplicate and one order remains") {
  Suite s;
  const auto first = ConfirmAt(s, "小区停水两天了，水龙头没水", "和平区壬路1号", "merge-1");
  // Written so differently that nothing linked it at the desk.
  const auto second = ConfirmAt(s, "家里水龙头没水，停水了", "壬路东头那栋楼", "merge-2");
  REQUIRE(second.orders_size() == 1);
  v1::CloseCaseRequest merge;
  merge.set_case_id(second.case_id());
  merge.set_operator_id("sup-1");
  merge.set_reason(v1::CLOSED_DUPLICATE);
  merge.set_duplicate_of(first.case_id());
  v1::Case out;
  auto by_operator = CloseAs(s, Operator(v1::SIDE_110, "sup-1"), merge, &out);
  CHECK(by_operator.error_code() == grpc::StatusCode::PERMISSION_DENIED);
  auto merged = CloseAs(s, Supervisor(), merge, &out);
  INFO(merged.error_message());
  REQUIRE(merged.ok());
  CHECK(out.status() == v1::CASE_CLOSED);
  CHECK(out.orders(0).status() == v1::ORDER_CLOSED);
  const auto original = GetCase(s, first.case_id());
  CHECK(original.linked_size() == 1);
  int open = 0;
  for (const v1::Case* c : {&original, static_cast<const v1::Case*>(&out)}) {
    for (const auto& o : c->orders()) open += o.status() == v1::ORDER_DISPATCHED;
  }
  CHECK(open == 1);
}
