// The whole loop through the four real service binaries and a real Redis, in both directions.
#include <catch2/catch.hpp>

#include "flow_helpers.h"
#include "run_command.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

Suite& S() {
  static Suite suite;
  return suite;
}

// Runs liandong-desk against the suite and returns what it printed.
std::string RunDesk(const std::string& args, Suite& s) {
  const std::string cmd = std::string(LIANDONG_DESK_BIN) + " --intake " + s.address("intake") +
                          " --dispatch " + s.address("dispatch") + " --feedback " +
                          s.address("feedback") + " " +
                          TestPki::Get().ClientFlags(Operator(v1::SIDE_110)) + " " + args + " 2>&1";
  return RunCommand(cmd);
}

bool HasOutcome(const std::vector<v1::Outcome>& outcomes, const std::string& type) {
  for (const auto& o : outcomes) {
    if (o.type() == type) return true;
  }
  return false;
}

}  // namespace

TEST_CASE(
    "110 to 12345: a water outage is transferred, signed for, resolved, called back, closed") {
  auto c = Submit(S(), v1::SIDE_110, "我们小区停水两天了，水龙头一滴水都没有", "flow-water-1");
  REQUIRE(c.status() == v1::CASE_TRIAGED);
  CHECK(c.suggested().disposition() == v1::TRANSFER_12345);
  CHECK(c.suggested().item() == "water_outage");
  CHECK_FALSE(c.suggested().rules_version().empty());

  c = Confirm(S(), c.case_id());
  REQUIRE(c.status() == v1::CASE_DISPATCHED);
  REQUIRE(c.orders_size() == 1);
  const v1::WorkOrder order = c.orders(0);
  CHECK(order.destination().rfind("agency:", 0) == 0);
  CHECK(order.from_side() == v1::SIDE_110);
  CHECK(order.to_side() == v1::SIDE_12345);
  CHECK(order.rules_version() == c.suggested().rules_version());
  REQUIRE(c.transfers_size() == 1);
  CHECK(c.transfers(0).to_side() == v1::SIDE_12345);
  CHECK(c.owner_side() == v1::SIDE_12345);

  const std::string stream = "ld:wo:" + order.destination();
  CHECK(StreamLength(S(), stream) == 1);
  auto delivered = ReadOrders(S(), order.destination(), "water-agent", 1);
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].order().order_id() == order.order_id());
  CHECK(delivered[0].order().summary() == c.text());
  CHECK(PendingCount(S(), stream) == 1);  // delivered, not yet signed for

  Sign(S(), order);
  CHECK(PendingCount(S(), stream) == 0);  // sign-for acknowledges the entry
  CHECK(GetCase(S(), c.case_id()).status() == v1::CASE_IN_PROGRESS);
  v1::ReportProgressRequest progress;
  progress.set_order_id(order.order_id());
  progress.set_destination(order.destination());
  progress.set_handler("repair-team");
  progress.set_note("已派维修人员到场");
  v1::WorkOrder after_progress;
  REQUIRE(S().feedback()
              .ReportProgress(Ctx(WorkerOf(order.destination(), "repair-team")).get(), progress,
                              &after_progress)
              .ok());
  CHECK(after_progress.status() == v1::ORDER_IN_PROGRESS);
  Resolve(S(), order, "管道已抢修，供水恢复");
  CHECK(GetCase(S(), c.case_id()).status() == v1::CASE_RESOLVED);

  // The sending side (110) sees what became of its transfer.
  auto outcomes = ReadOutcomes(S(), v1::SIDE_110, c.case_id(), 2);
  CHECK(HasOutcome(outcomes, "signed"));
  CHECK(HasOutcome(outcomes, "resolved"));

  // ... and so does the 110 operator at the desk, as a person would run it.
  const std::string desk_out =
      RunDesk("outcomes --side 110 --after 0 --seconds 2 --case_id " + c.case_id(), S());
  CHECK(desk_out.find(c.case_id()) != std::string::npos);
  CHECK(desk_out.find("resolved") != std::string::npos);
  CHECK(desk_out.find("管道已抢修，供水恢复") != std::string::npos);

  Callback(S(), c.case_id(), 5);
  c = Close(S(), c.case_id());
  CHECK(c.status() == v1::CASE_CLOSED);
  CHECK(c.close_reason() == v1::CLOSED_RESOLVED);
  CHECK(c.callback().satisfaction() == 5);
  CHECK(TimelineTypes(c) == std::vector<std::string>{"received", "triaged", "confirmed",
                                                     "transferred", "dispatched", "signed",
                                                     "progress", "resolved", "callback", "closed"});
  CHECK(EventCount(S(), c.case_id()) == c.timeline_size());
}

TEST_CASE("12345 to 110: a fraud report becomes a police work order signed for by 110") {
  auto c = Submit(S(), v1::SIDE_12345, "我在网上被人骗了三千块钱，对方说刷单返利，现在联系不上了");
  CHECK(c.suggested().disposition() == v1::POLICE_110);
  c = Confirm(S(), c.case_id());
  REQUIRE(c.orders_size() == 1);
  const auto order = c.orders(0);
  CHECK(order.destination() == "110");
  CHECK(order.kind() == v1::ORDER_POLICE);
  CHECK(order.sla_tier() == "P");
  REQUIRE(c.transfers_size() == 1);
  CHECK(c.transfers(0).from_side() == v1::SIDE_12345);
  CHECK(c.transfers(0).to_side() == v1::SIDE_110);
  CHECK_FALSE(c.transfers(0).three_way_call());

  auto delivered = ReadOrders(S(), "110", "police-desk", 1);
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].order().order_id() == order.order_id());
  Sign(S(), order, "police-desk-officer");
  Resolve(S(), order, "已受理立案，移交派出所侦查");
  auto outcomes = ReadOutcomes(S(), v1::SIDE_12345, c.case_id(), 2);
  CHECK(HasOutcome(outcomes, "signed"));
  CHECK(HasOutcome(outcomes, "resolved"));
  CHECK(GetCase(S(), c.case_id()).status() == v1::CASE_RESOLVED);
}

TEST_CASE("an emergency received at 12345: three-way call, urgent police order and a handover") {
  auto c = Submit(S(), v1::SIDE_12345, "小区电梯突然停在半空，我妈被困在里面出不来了");
  CHECK(c.suggested().disposition() == v1::EMERGENCY_110);
  CHECK(c.suggested().handover_item() == "elevator_fault");
  c = Confirm(S(), c.case_id());
  REQUIRE(c.orders_size() == 2);
  CHECK(c.orders(0).destination() == "110");
  CHECK(c.orders(0).priority() == v1::PRIORITY_URGENT);
  CHECK(c.orders(1).kind() == v1::ORDER_HANDOVER);
  REQUIRE(c.transfers_size() == 1);
  CHECK(c.transfers(0).three_way_call());
  CHECK(c.owner_side() == v1::SIDE_110);
  auto police = ReadOrders(S(), "110", "police-urgent", 5);
  bool seen = false;
  for (const auto& d : police) seen = seen || d.order().order_id() == c.orders(0).order_id();
  CHECK(seen);
  auto agency = ReadOrders(S(), c.orders(1).destination(), "lift-agent", 1);
  REQUIRE(agency.size() == 1);
  CHECK(agency[0].order().order_id() == c.orders(1).order_id());
}

TEST_CASE("unclear responsibility is JOINT: three-way call, 12345 accepts first") {
  auto c = Submit(S(), v1::SIDE_110, "这个事情不知道归谁管，几个部门推来推去，谁都不来处理");
  CHECK(c.suggested().disposition() == v1::JOINT);
  c = Confirm(S(), c.case_id());
  REQUIRE(c.orders_size() == 1);
  CHECK(c.orders(0).destination() == "12345");
  CHECK(c.orders(0).kind() == v1::ORDER_JOINT);
  REQUIRE(c.transfers_size() == 1);
  CHECK(c.transfers(0).three_way_call());
  CHECK(c.owner_side() == v1::SIDE_12345);
}

TEST_CASE("an invalid call is logged and closed, never forwarded") {
  const long long orders_before = StreamLength(S(), "ld:wo:110") + StreamLength(S(), "ld:wo:12345");
  auto c = Submit(S(), v1::SIDE_110, "喂喂？不好意思打错了");
  CHECK(c.suggested().disposition() == v1::INVALID);
  c = Confirm(S(), c.case_id());
  CHECK(c.status() == v1::CASE_CLOSED);
  CHECK(c.close_reason() == v1::CLOSED_INVALID);
  CHECK(c.orders_size() == 0);
  CHECK(TimelineTypes(c) == std::vector<std::string>{"received", "triaged", "confirmed", "closed"});
  CHECK(EventCount(S(), c.case_id()) == 4);
  CHECK(StreamLength(S(), "ld:wo:110") + StreamLength(S(), "ld:wo:12345") == orders_before);
}

TEST_CASE("an agency returns an order and the sending side sees why and re-routes it") {
  auto c = Submit(S(), v1::SIDE_110, "门口路灯晚上一直不亮，黑灯瞎火的");
  c = Confirm(S(), c.case_id());
  REQUIRE(c.orders_size() == 1);
  v1::ReturnOrderRequest ret;
  ret.set_order_id(c.orders(0).order_id());
  ret.set_destination(c.orders(0).destination());
  ret.set_signer("agent-9");
  ret.set_reason_code("not_our_responsibility");
  ret.set_reason("该路段路灯属供电公司产权");
  v1::WorkOrder returned;
  REQUIRE(
      S().dispatch()
          .ReturnOrder(Ctx(WorkerOf(c.orders(0).destination(), "agent-9")).get(), ret, &returned)
          .ok());
  CHECK(returned.status() == v1::ORDER_RETURNED);
  CHECK(GetCase(S(), c.case_id()).status() == v1::CASE_RETURNED);
  auto outcomes = ReadOutcomes(S(), v1::SIDE_110, c.case_id(), 1);
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].type() == "returned");
  CHECK(outcomes[0].detail().find("not_our_responsibility") != std::string::npos);

  v1::ConfirmTriageRequest reroute;
  reroute.set_case_id(c.case_id());
  reroute.set_operator_id("op-110");
  reroute.set_disposition(v1::TRANSFER_12345);
  reroute.set_item("power_outage");
  reroute.set_reason("退回：改派供电企业");
  v1::Case rerouted;
  REQUIRE(S().intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110)).get(), reroute, &rerouted).ok());
  REQUIRE(rerouted.orders_size() == 2);
  CHECK(rerouted.orders(1).item() == "power_outage");
  CHECK(rerouted.orders(1).order_id() == c.case_id() + "-O2");
  CHECK(rerouted.status() == v1::CASE_DISPATCHED);
  CHECK(rerouted.overridden());
}

TEST_CASE("a retried SubmitCall with the same request id returns the same case") {
  auto first = Submit(S(), v1::SIDE_12345, "小区垃圾三天没人清运了，臭气熏天", "retry-1");
  const long long keys = KeyCount(S());
  auto again = Submit(S(), v1::SIDE_12345, "小区垃圾三天没人清运了，臭气熏天", "retry-1");
  CHECK(again.case_id() == first.case_id());
  CHECK(KeyCount(S()) == keys);
  v1::SubmitCallRequest other;
  other.set_request_id("retry-1");
  other.set_side(v1::SIDE_12345);
  other.set_channel(v1::CHANNEL_PHONE);
  other.set_text("另一件事");
  v1::Case out;
  auto status = S().intake().SubmitCall(Ctx(Operator(v1::SIDE_12345)).get(), other, &out);
  CHECK(status.error_code() == grpc::StatusCode::ALREADY_EXISTS);
  CHECK(status.error_message().find("request_id") != std::string::npos);
}
