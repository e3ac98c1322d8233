#include "flow_helpers.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "google/protobuf/text_format.h"
#include "rules/rule_table_loader.h"
#include "store/streams.h"

namespace liandong::testing {
namespace {

void RequireOk(const grpc::Status& s, const std::string& what) {
  INFO(what << ": " << s.error_code() << " " << s.error_message());
  REQUIRE(s.ok());
}

}  // namespace

v1::Case Submit(Suite& s, v1::Side side, const std::string& text, const std::string& request_id) {
  v1::SubmitCallRequest req;
  req.set_request_id(request_id);
  req.set_side(side);
  req.set_channel(v1::CHANNEL_PHONE);
  req.set_text(text);
  req.set_operator_id(side == v1::SIDE_110 ? "op-110" : "op-12345");
  req.mutable_caller()->set_phone("13800000001");
  req.mutable_location()->set_address("和平区测试路1号");
  req.mutable_location()->set_district_code("120101");
  v1::Case out;
  RequireOk(s.intake().SubmitCall(Ctx(Operator(side)).get(), req, &out), "SubmitCall");
  return out;
}

v1::Case Confirm(Suite& s, const std::string& case_id) {
  v1::ConfirmTriageRequest req;
  req.set_case_id(case_id);
  req.set_operator_id("op-confirm");
  req.set_accept_suggestion(true);
  v1::Case out;
  RequireOk(s.intake().ConfirmTriage(Ctx(DeskOf(s, case_id, "op-confirm")).get(), req, &out),
            "ConfirmTriage");
  return out;
}

Who DeskOf(Suite& s, const std::string& case_id, const std::string& subject) {
  return Operator(GetCase(s, case_id).side_received(), subject);
}

v1::Case GetCase(Suite& s, const std::string& case_id) {
  v1::GetCaseRequest req;
  req.set_case_id(case_id);
  v1::Case out;
  RequireOk(s.intake().GetCase(Ctx(Supervisor()).get(), req, &out), "GetCase");
  return out;
}

v1::WorkOrder Sign(Suite& s, const v1::WorkOrder& o, const std::string& signer) {
  v1::SignOrderRequest req;
  req.set_order_id(o.order_id());
  req.set_destination(o.destination());
  req.set_signer(signer);
  v1::WorkOrder out;
  RequireOk(s.dispatch().SignOrder(Ctx(WorkerOf(o.destination(), signer)).get(), req, &out),
            "SignOrder");
  return out;
}

v1::WorkOrder Resolve(Suite& s, const v1::WorkOrder& o, const std::string& result) {
  v1::ResolveRequest req;
  req.set_order_id(o.order_id());
  req.set_destination(o.destination());
  req.set_handler("handler-1");
  req.set_result(result);
  v1::WorkOrder out;
  RequireOk(s.feedback().Resolve(Ctx(WorkerOf(o.destination(), "handler-1")).get(), req, &out),
            "Resolve");
  return out;
}

v1::Case Callback(Suite& s, const std::string& case_id, int satisfaction) {
  v1::RecordCallbackRequest req;
  req.set_case_id(case_id);
  req.set_operator_id("callback-1");
  req.set_satisfaction(satisfaction);
  req.set_method("phone");
  v1::Case out;
  RequireOk(s.feedback().RecordCallback(Ctx(DeskOf(s, case_id, "callback-1")).get(), req, &out),
            "RecordCallback");
  return out;
}

v1::Case Close(Suite& s, const std::string& case_id) {
  v1::CloseCaseRequest req;
  req.set_case_id(case_id);
  req.set_operator_id("closer-1");
  v1::Case out;
  RequireOk(s.feedback().CloseCase(Ctx(DeskOf(s, case_id, "closer-1")).get(), req, &out),
            "CloseCase");
  return out;
}

std::vector<v1::OrderDelivery> ReadOrders(Suite& s, const std::string& destination,
                                          const std::string& consumer, int count,
                                          double timeout_seconds) {
  auto ctx = Ctx(WorkerOf(destination, consumer), timeout_seconds);
  v1::SubscribeOrdersRequest req;
  req.set_destination(destination);
  req.set_consumer(consumer);
  auto reader = s.dispatch().SubscribeOrders(ctx.get(), req);
  std::vector<v1::OrderDelivery> out;
  v1::OrderDelivery d;
  while (static_cast<int>(out.size()) < count && reader->Read(&d)) out.push_back(d);
  ctx->TryCancel();
  reader->Finish();
  return out;
}

std::vector<v1::Outcome> ReadOutcomes(Suite& s, v1::Side side, const std::string& case_id,
                                      int count, double timeout_seconds) {
  auto ctx = Ctx(Operator(side), timeout_seconds);
  v1::WatchOutcomesRequest req;
  req.set_side(side);
  req.set_case_id(case_id);
  req.set_after_id("0");
  auto reader = s.feedback().WatchOutcomes(ctx.get(), req);
  std::vector<v1::Outcome> out;
  v1::Outcome o;
  while (static_cast<int>(out.size()) < count && reader->Read(&o)) out.push_back(o);
  ctx->TryCancel();
  reader->Finish();
  return out;
}

v1::Case SubmitAndConfirmRetrying(Suite& s, v1::Side side, const std::string& text,
                                  const std::string& request_id, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  v1::SubmitCallRequest submit;
  submit.set_request_id("submit-" + request_id);
  submit.set_side(side);
  submit.set_channel(v1::CHANNEL_PHONE);
  submit.set_text(text);
  v1::Case submitted;
  grpc::Status status;
  auto retryable = [](const grpc::Status& st) {
    return st.error_code() == grpc::StatusCode::UNAVAILABLE ||
           st.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
  };
  while (
      retryable(status = s.intake().SubmitCall(Ctx(Operator(side), 3).get(), submit, &submitted)) &&
      std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  RequireOk(status, "SubmitCall " + request_id);
  v1::ConfirmTriageRequest confirm;
  confirm.set_request_id("confirm-" + request_id);
  confirm.set_case_id(submitted.case_id());
  confirm.set_operator_id("op-fault");
  confirm.set_accept_suggestion(true);
  v1::Case confirmed;
  while (retryable(status = s.intake().ConfirmTriage(Ctx(Operator(side, "op-fault"), 3).get(),
                                                     confirm, &confirmed)) &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  RequireOk(status, "ConfirmTriage " + request_id);
  return confirmed;
}

std::vector<std::string> TimelineTypes(const v1::Case& c) {
  std::vector<std::string> types;
  for (const auto& e : c.timeline()) types.push_back(e.type());
  return types;
}

int EventCount(Suite& s, const std::string& case_id) {
  auto reply = s.redis().Command({"XRANGE", "ld:events", "-", "+"});
  REQUIRE(reply.ok());
  int n = 0;
  for (const auto& e : store::ParseEntries(*reply)) n += e.Field("case_id") == case_id;
  return n;
}

long long StreamLength(Suite& s, const std::string& key) {
  auto reply = s.redis().Command({"XLEN", key});
  REQUIRE(reply.ok());
  return reply->integer;
}

long long PendingCount(Suite& s, const std::string& key) {
  auto reply = s.redis().Command({"XPENDING", key, "partners"});
  REQUIRE(reply.ok());
  return reply->elements.empty() ? 0 : reply->elements[0].integer;
}

long long KeyCount(Suite& s) {
  auto reply = s.redis().Command({"DBSIZE"});
  REQUIRE(reply.ok());
  return reply->integer;
}

v1::WorkOrder ReturnOrder(Suite& s, const v1::WorkOrder& o, const std::string& signer,
                          const std::string& reason_code) {
  v1::ReturnOrderRequest req;
  req.set_order_id(o.order_id());
  req.set_destination(o.destination());
  req.set_signer(signer);
  req.set_reason_code(reason_code);
  v1::WorkOrder out;
  RequireOk(s.dispatch().ReturnOrder(Ctx(WorkerOf(o.destination(), signer)).get(), req, &out),
            "ReturnOrder");
  return out;
}

v1::Case ConfirmItem(Suite& s, const v1::Case& c, const std::string& item) {
  v1::ConfirmTriageRequest req;
  req.set_case_id(c.case_id());
  req.set_operator_id("op-override");
  req.set_disposition(v1::TRANSFER_12345);
  req.set_item(item);
  req.set_reason("测试：指定事项");
  v1::Case out;
  RequireOk(
      s.intake().ConfirmTriage(Ctx(Operator(c.side_received(), "op-override")).get(), req, &out),
      "ConfirmTriage (override)");
  return out;
}

void SleepUntilPast(const google::protobuf::Timestamp& due) {
  const auto until = std::chrono::system_clock::time_point(std::chrono::seconds(due.seconds())) +
                     std::chrono::milliseconds(due.nanos() / 1000000 + 300);
  std::this_thread::sleep_until(until);
}

std::string ScaledTierRules(const TempDir& dir, const std::string& tier, int sign_for_seconds,
                            int resolve_seconds) {
  auto table = rules::LoadRuleTable(rules::DefaultRuleTablePath());
  REQUIRE(table.ok());
  for (auto& t : *table->mutable_sla_tiers()) {
    if (t.id() != tier) continue;
    t.mutable_sign_for()->Clear();
    t.mutable_sign_for()->set_seconds(sign_for_seconds);
    t.mutable_resolve()->Clear();
    t.mutable_resolve()->set_seconds(resolve_seconds);
  }
  std::string text;
  google::protobuf::TextFormat::PrintToString(*table, &text);
  const std::string path = dir.File("scaled-" + tier + ".textproto");
  std::ofstream(path) << text;
  return path;
}

}  // namespace liandong::testing
