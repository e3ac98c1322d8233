#include "workflow/order_planner.h"

#include <catch2/catch.hpp>

#include "rules/rule_table_loader.h"

namespace v1 = liandong::v1;

namespace {

const liandong::rules::RuleIndex& Rules() {
  static const auto* index = new liandong::rules::RuleIndex(
      *liandong::rules::LoadRuleTable(liandong::rules::DefaultRuleTablePath()));
  return *index;
}

v1::Case Confirmed(v1::Side side, v1::Disposition d, const std::string& item,
                   const std::string& handover = "") {
  v1::Case c;
  c.set_case_id("LD20261122-000001");
  c.set_side_received(side);
  c.set_text("测试");
  c.set_status(v1::CASE_CONFIRMED);
  c.mutable_confirmed()->set_disposition(d);
  c.mutable_confirmed()->set_item(item);
  c.mutable_confirmed()->set_handover_item(handover);
  return c;
}

}  // namespace

TEST_CASE("a transferred item goes to its agency with its tier and deadlines") {
  const absl::Time now = absl::FromUnixSeconds(1795000000);
  auto orders = liandong::workflow::PlanOrders(
      Confirmed(v1::SIDE_110, v1::TRANSFER_12345, "water_outage"), Rules(),
      liandong::rules::WorkCalendar(), absl::UTCTimeZone(), now);
  REQUIRE(orders.ok());
  REQUIRE(orders->size() == 1);
  const auto& o = orders->front();
  const auto* item = Rules().FindItem("water_outage");
  CHECK(o.destination() == "agency:" + item->agency());
  CHECK(o.kind() == v1::ORDER_TRANSFER);
  CHECK(o.from_side() == v1::SIDE_110);
  CHECK(o.to_side() == v1::SIDE_12345);
  CHECK(o.sla_tier() == "T1");
  CHECK(o.sign_due().seconds() == 1795000000 + 30 * 60);  // T1: sign-for within 30 minutes
  CHECK(o.order_id() == "LD20261122-000001-O1");
  CHECK(o.rules_version() == Rules().version());
}

TEST_CASE("an emergency with a hazard gets a police order and a handover order") {
  auto orders = liandong::workflow::PlanOrders(
      Confirmed(v1::SIDE_12345, v1::EMERGENCY_110, "", "elevator_fault"), Rules(),
      liandong::rules::WorkCalendar(), absl::UTCTimeZone(), absl::Now());
  REQUIRE(orders.ok());
  REQUIRE(orders->size() == 2);
  CHECK((*orders)[0].destination() == "110");
  CHECK((*orders)[0].priority() == v1::PRIORITY_URGENT);
  CHECK((*orders)[0].kind() == v1::ORDER_POLICE);
  CHECK((*orders)[1].kind() == v1::ORDER_HANDOVER);
  CHECK((*orders)[1].item() == "elevator_fault");
}

TEST_CASE("JOINT goes to the first acceptor and desk-only dispositions take no order") {
  auto joint = liandong::workflow::PlanOrders(Confirmed(v1::SIDE_110, v1::JOINT, ""), Rules(),
                                              liandong::rules::WorkCalendar(), absl::UTCTimeZone(),
                                              absl::Now());
  REQUIRE(joint.ok());
  REQUIRE(joint->size() == 1);
  CHECK(joint->front().destination() == "12345");
  auto invalid = liandong::workflow::PlanOrders(Confirmed(v1::SIDE_110, v1::INVALID, ""), Rules(),
                                                liandong::rules::WorkCalendar(),
                                                absl::UTCTimeZone(), absl::Now());
  CHECK(invalid.status().code() == absl::StatusCode::kFailedPrecondition);
}

TEST_CASE("an order still open to a destination is not planned twice") {
  v1::Case c = Confirmed(v1::SIDE_110, v1::POLICE_110, "");
  auto* open = c.add_orders();
  open->set_destination("110");
  open->set_status(v1::ORDER_SIGNED);
  auto orders = liandong::workflow::PlanOrders(c, Rules(), liandong::rules::WorkCalendar(),
                                               absl::UTCTimeZone(), absl::Now());
  REQUIRE(orders.ok());
  CHECK(orders->empty());
  open->set_status(v1::ORDER_RETURNED);
  orders = liandong::workflow::PlanOrders(c, Rules(), liandong::rules::WorkCalendar(),
                                          absl::UTCTimeZone(), absl::Now());
  REQUIRE(orders->size() == 1);
  CHECK(orders->front().order_id() == "LD20261122-000001-O2");
}
