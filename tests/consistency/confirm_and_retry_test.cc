// A decision the user was told succeeded happened exactly once: confirm and its orders are one
// commit, racing decisions get one winner and one ABORTED, and a retried request changes nothing.
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "flow_helpers.h"

using namespace liandong;
using namespace liandong::testing;

namespace {

const char kWaterOutage[] = "我们小区停水两天了，水龙头一滴水都没有";

v1::SubmitCallRequest Call(const std::string& text, const std::string& address,
                           const std::string& request_id = "") {
  v1::SubmitCallRequest req;
  req.set_request_id(request_id);
  req.set_side(v1::SIDE_110);
  req.set_channel(v1::CHANNEL_PHONE);
  req.set_text(text);
  req.set_operator_id("op-110");
  req.mutable_caller()->set_phone("13800000002");
  req.mutable_location()->set_address(address);
  req.mutable_location()->set_district_code("120101");
  return req;
}

v1::Case SubmitAt(Suite& s, const std::string& text, const std::string& address) {
  v1::Case out;
  auto status = s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(), Call(text, address), &out);
  REQUIRE(status.ok());
  return out;
}

v1::ConfirmTriageRequest Accept(const v1::Case& c, const std::string& op) {
  v1::ConfirmTriageRequest req;
  req.set_case_id(c.case_id());
  req.set_operator_id(op);
  req.set_accept_suggestion(true);
  req.set_expected_version(c.version());
  return req;
}

}  // namespace

TEST_CASE("with dispatch down, a confirmed call has its order, delivered once dispatch is back") {
  Suite s;
  s.process("dispatch").Kill9();
  const auto c = SubmitAt(s, kWaterOutage, "和平区甲路1号");
  v1::Case confirmed;
  auto status = s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op-a")).get(),
                                         Accept(c, "op-a"), &confirmed);
  INFO(status.error_message());
  REQUIRE(status.ok());
  CHECK(confirmed.status() == v1::CASE_DISPATCHED);
  REQUIRE(confirmed.orders_size() == 1);
  const std::string destination = confirmed.orders(0).destination();
  CHECK(StreamLength(s, "ld:wo:" + destination) == 1);

  s.Restart("dispatch");  // nobody retries anything
  const auto delivered = ReadOrders(s, destination, "desk-1", 1, 10);
  REQUIRE(delivered.size() == 1);
  CHECK(delivered[0].order().order_id() == confirmed.orders(0).order_id());
}

TEST_CASE("two operators deciding the same call at once: one OK, one ABORTED, every time") {
  Suite s;
  int ok = 0, aborted = 0, other = 0;
  for (int round = 0; round < 100; ++round) {
    const auto c = SubmitAt(s, kWaterOutage, "和平区乙路" + std::to_string(round) + "号");
    v1::ConfirmTriageRequest accept = Accept(c, "op-a");
    v1::ConfirmTriageRequest police = Accept(c, "op-b");
    police.set_accept_suggestion(false);
    police.set_disposition(v1::POLICE_110);
    police.set_reason("caller mentioned a threat");
    std::array<grpc::Status, 2> results;
    std::thread a([&] {
      v1::Case out;
      results[0] =
          s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op-a")).get(), accept, &out);
    });
    std::thread b([&] {
      v1::Case out;
      results[1] =
          s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op-b")).get(), police, &out);
    });
    a.join();
    b.join();
    for (const auto& r : results) {
      if (r.ok()) {
        ++ok;
      } else if (r.error_code() == grpc::StatusCode::ABORTED) {
        ++aborted;
      } else {
        ++other;
        UNSCOPED_INFO("round " << round << ": " << r.error_code() << " " << r.error_message());
      }
    }
    // The winner's decision is the one on record, with exactly its orders.
    const auto after = GetCase(s, c.case_id());
    CHECK(after.orders_size() == 1);
  }
  CHECK(ok == 100);
  CHECK(aborted == 100);
  CHECK(other == 0);
}

TEST_CASE("a decision made on a stale version is refused with what changed") {
  Suite s;
  const auto c = SubmitAt(s, kWaterOutage, "和平区丙路1号");
  v1::Case out;
  REQUIRE(s.intake()
              .ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op-a")).get(), Accept(c, "op-a"), &out)
              .ok());
  auto late = Accept(c, "op-b");
  late.set_accept_suggestion(false);
  late.set_disposition(v1::POLICE_110);
  late.set_reason("second opinion");
  auto status = s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op-b")).get(), late, &out);
  CHECK(status.error_code() == grpc::StatusCode::ABORTED);
  CHECK_THAT(status.error_message(), Catch::Contains("expected_version"));
  CHECK_THAT(status.error_message(), Catch::Contains("op-a"));
}

namespace {

// Sends `call` twice, as a client whose first reply was lost: the second answer must equal the
// first and the case must have gained no event.
template <typename Call>
void RetriedOnce(Suite& s, const std::string& case_id, const std::string& what, Call call) {
  INFO(what);
  std::string first, second;
  grpc::Status a = call(&first);
  INFO("first: " << a.error_message());
  REQUIRE(a.ok());
  const int events = EventCount(s, case_id);
  const auto before = GetCase(s, case_id);
  grpc::Status b = call(&second);
  INFO("retry: " << b.error_message());
  REQUIRE(b.ok());
  CHECK(second == first);
  CHECK(EventCount(s, case_id) == events);
  CHECK(GetCase(s, case_id).version() == before.version());
}

template <typename Req, typename Resp, typename Rpc>
auto Sender(const Req& req, const Who& who, Rpc rpc) {
  return [req, who, rpc](std::string* bytes) {
    Resp out;
    grpc::Status status = rpc(Ctx(who).get(), req, &out);
    *bytes = out.SerializeAsString();
    return status;
  };
}

}  // namespace

TEST_CASE("every mutating call retried after a lost reply gets the first answer and adds nothing") {
  Suite s;
  for (const bool with_request_id : {true, false}) {
    DYNAMIC_SECTION((with_request_id ? "with request ids" : "without request ids")) {
      const std::string tag = with_request_id ? "r" : "";
      auto id = [&](const std::string& name) { return tag.empty() ? "" : tag + "-" + name; };
      const std::string address = with_request_id ? "和平区丁路1号" : "和平区丁路2号";
      auto submit = Call(kWaterOutage, address, id("submit"));
      v1::Case c;
      REQUIRE(s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(), submit, &c).ok());
      RetriedOnce(s, c.case_id(), "SubmitCall",
                  Sender<v1::SubmitCallRequest, v1::Case>(
                      submit, Operator(v1::SIDE_110), [&](auto* ctx, auto& r, auto* out) {
                        return s.intake().SubmitCall(ctx, r, out);
                      }));
      auto confirm = Accept(c, "op-a");
      confirm.set_request_id(id("confirm"));
      RetriedOnce(s, c.case_id(), "ConfirmTriage",
                  Sender<v1::ConfirmTriageRequest, v1::Case>(
                      confirm, Operator(v1::SIDE_110, "op-a"), [&](auto* ctx, auto& r, auto* out) {
                        return s.intake().ConfirmTriage(ctx, r, out);
                      }));
      const v1::WorkOrder order = GetCase(s, c.case_id()).orders(0);
      const Who agent = WorkerOf(order.destination(), "agent-1");
      v1::SignOrderRequest sign;
      sign.set_order_id(order.order_id());
      sign.set_destination(order.destination());
      sign.set_signer("agent-1");
      sign.set_request_id(id("sign"));
      RetriedOnce(s, c.case_id(), "SignOrder",
                  Sender<v1::SignOrderRequest, v1::WorkOrder>(
                      sign, agent, [&](auto* ctx, auto& r, auto* out) {
                        return s.dispatch().SignOrder(ctx, r, out);
                      }));
      v1::ReportProgressRequest progress;
      progress.set_order_id(order.order_id());
      progress.set_destination(order.destination());
      progress.set_handler("agent-1");
      progress.set_note("维修队已出发");
      progress.set_request_id(id("progress"));
      RetriedOnce(s, c.case_id(), "ReportProgress",
                  Sender<v1::ReportProgressRequest, v1::WorkOrder>(
                      progress, agent, [&](auto* ctx, auto& r, auto* out) {
                        return s.feedback().ReportProgress(ctx, r, out);
                      }));
      v1::ResolveRequest resolve;
      resolve.set_order_id(order.order_id());
      resolve.set_destination(order.destination());
      resolve.set_handler("agent-1");
      resolve.set_result("管道已修复，供水恢复");
      resolve.set_request_id(id("resolve"));
      RetriedOnce(s, c.case_id(), "Resolve",
                  Sender<v1::ResolveRequest, v1::WorkOrder>(
                      resolve, agent, [&](auto* ctx, auto& r, auto* out) {
                        return s.feedback().Resolve(ctx, r, out);
                      }));
      v1::RecordCallbackRequest callback;
      callback.set_case_id(c.case_id());
      callback.set_operator_id("op-a");
      callback.set_satisfaction(5);
      callback.set_method("phone");
      callback.set_request_id(id("callback"));
      RetriedOnce(s, c.case_id(), "RecordCallback",
                  Sender<v1::RecordCallbackRequest, v1::Case>(
                      callback, Operator(v1::SIDE_110, "op-a"), [&](auto* ctx, auto& r, auto* out) {
                        return s.feedback().RecordCallback(ctx, r, out);
                      }));
      v1::CloseCaseRequest close;
      close.set_case_id(c.case_id());
      close.set_operator_id("op-a");
      close.set_request_id(id("close"));
      RetriedOnce(s, c.case_id(), "CloseCase",
                  Sender<v1::CloseCaseRequest, v1::Case>(
                      close, Operator(v1::SIDE_110, "op-a"), [&](auto* ctx, auto& r, auto* out) {
                        return s.feedback().CloseCase(ctx, r, out);
                      }));
      v1::ReopenRequest reopen;
      reopen.set_case_id(c.case_id());
      reopen.set_supervisor_id("sup-1");
      reopen.set_reason("caller says the water is off again");
      reopen.set_request_id(id("reopen"));
      // A closed case is not reopened; the retry must still answer as the first did (refused).
      v1::Case refused;
      const auto first = s.feedback().Reopen(Ctx(Supervisor()).get(), reopen, &refused);
      const auto again = s.feedback().Reopen(Ctx(Supervisor()).get(), reopen, &refused);
      CHECK(first.error_code() == again.error_code());

      // A return, on a second call about another place.
      auto second = Call("楼下路灯坏了一个星期，晚上一片漆黑", address + "对面", id("submit-2"));
      v1::Case c2;
      REQUIRE(s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(), second, &c2).ok());
      auto confirm2 = Accept(c2, "op-a");
      confirm2.set_request_id(id("confirm-2"));
      REQUIRE(
          s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op-a")).get(), confirm2, &c2).ok());
      REQUIRE(c2.orders_size() == 1);
      v1::ReturnOrderRequest ret;
      ret.set_order_id(c2.orders(0).order_id());
      ret.set_destination(c2.orders(0).destination());
      ret.set_signer("agent-2");
      ret.set_reason_code("not_our_responsibility");
      ret.set_reason("路灯归区城管");
      ret.set_request_id(id("return"));
      RetriedOnce(s, c2.case_id(), "ReturnOrder",
                  Sender<v1::ReturnOrderRequest, v1::WorkOrder>(
                      ret, WorkerOf(c2.orders(0).destination(), "agent-2"),
                      [&](auto* ctx, auto& r, auto* out) {
                        return s.dispatch().ReturnOrder(ctx, r, out);
                      }));
    }
  }
}

TEST_CASE("a request id reused for different content is refused, not replayed") {
  Suite s;
  v1::Case c;
  REQUIRE(s.intake()
              .SubmitCall(Ctx(Operator(v1::SIDE_110)).get(),
                          Call(kWaterOutage, "和平区戊路1号", "same-id"), &c)
              .ok());
  v1::Case other;
  auto status = s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(),
                                      Call("路灯不亮", "和平区戊路2号", "same-id"), &other);
  CHECK(status.error_code() == grpc::StatusCode::ALREADY_EXISTS);
  CHECK_THAT(status.error_message(), Catch::Contains("request_id"));
}
