// The loop's edges: one extension for T3 only, and terminal states that say what happened.
#include <catch2/catch.hpp>

#include "flow_helpers.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

grpc::Status Extend(Suite& s, const v1::WorkOrder& o, v1::WorkOrder* out,
                    const std::string& reason = "需商家配合调查，延期办理") {
  v1::RequestExtensionRequest req;
  req.set_order_id(o.order_id());
  req.set_destination(o.destination());
  req.set_handler("handler-1");
  req.set_reason(reason);
  return s.feedback().RequestExtension(Ctx(WorkerOf(o.destination(), "handler-1")).get(), req, out);
}

grpc::Status CloseAs(Suite& s, const std::string& case_id, v1::CloseReason reason,
                     const std::string& closed_to, const std::string& note, v1::Case* out) {
  v1::CloseCaseRequest req;
  req.set_case_id(case_id);
  req.set_operator_id("op-close");
  req.set_reason(reason);
  req.set_closed_to(closed_to);
  req.set_note(note);
  // Cancelling is a supervisor's decision; every other close is the receiving desk's.
  const Who who =
      reason == v1::CLOSED_CANCELLED ? Supervisor("op-close") : DeskOf(s, case_id, "op-close");
  return s.feedback().CloseCase(Ctx(who).get(), req, out);
}

}  // namespace

TEST_CASE("a T3 order gets one extension to 15 working days and no second") {
  Suite s;
  auto c =
      Confirm(s, Submit(s, v1::SIDE_110, "在商场买的羽绒服质量问题，去退货商家不给退").case_id());
  REQUIRE(c.orders_size() == 1);
  REQUIRE(c.orders(0).sla_tier() == "T3");
  v1::WorkOrder out;
  CHECK(Extend(s, c.orders(0), &out).error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  Sign(s, c.orders(0));
  REQUIRE(Extend(s, c.orders(0), &out).ok());
  CHECK(out.extended());
  // 15 working days is at least three weeks later than the 7 it replaces.
  CHECK(out.resolve_due().seconds() - c.orders(0).resolve_due().seconds() >= 8 * 24 * 3600);
  // The same request again is a retry and gets the first answer; a second request is refused.
  REQUIRE(Extend(s, c.orders(0), &out).ok());
  const grpc::Status again = Extend(s, c.orders(0), &out, "还需要更多时间");
  CHECK(again.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(again.error_message().find("already extended") != std::string::npos);

  auto t1 = Confirm(s, Submit(s, v1::SIDE_110, "小区停水两天了，水龙头没水").case_id());
  Sign(s, t1.orders(0));
  const grpc::Status t1_refused = Extend(s, t1.orders(0), &out);
  CHECK(t1_refused.error_code() == grpc::StatusCode::FAILED_PRECONDITION);
  CHECK(t1_refused.error_message().find("allows no extension") != std::string::npos);
}

TEST_CASE("closing says honestly what happened") {
  Suite s;
  v1::Case out;
  const auto not_ours = Submit(s, v1::SIDE_12345, "邻居装修占了我家的车位，我要起诉他");
  CHECK(CloseAs(s, not_ours.case_id(), v1::CLOSED_NOT_RESPONSIBLE, "", "", &out).error_code() ==
        grpc::StatusCode::INVALID_ARGUMENT);  // where did it go?
  REQUIRE(
      CloseAs(s, not_ours.case_id(), v1::CLOSED_NOT_RESPONSIBLE, "区人民法院", "属诉讼事项", &out)
          .ok());
  CHECK(out.close_reason() == v1::CLOSED_NOT_RESPONSIBLE);
  CHECK(out.closed_to() == "区人民法院");

  const auto cancelled = Submit(s, v1::SIDE_110, "门口路灯不亮");
  CHECK(CloseAs(s, cancelled.case_id(), v1::CLOSED_CANCELLED, "", "", &out).error_code() ==
        grpc::StatusCode::INVALID_ARGUMENT);  // why?
  REQUIRE(CloseAs(s, cancelled.case_id(), v1::CLOSED_CANCELLED, "", "来电人撤回", &out).ok());
  CHECK(out.close_reason() == v1::CLOSED_CANCELLED);

  // A dispatched case cannot be closed as resolved before it is resolved and called back.
  auto open = Confirm(s, Submit(s, v1::SIDE_110, "小区停水两天了").case_id());
  CHECK(CloseAs(s, open.case_id(), v1::CLOSED_RESOLVED, "", "", &out).error_code() ==
        grpc::StatusCode::FAILED_PRECONDITION);
  const auto types = TimelineTypes(GetCase(s, not_ours.case_id()));
  CHECK(types.back() == "closed");
}
