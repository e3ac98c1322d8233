// Every role × every RPC, allowed or refused exactly as the roles table says, through the real
// services with real TLS and real tokens. An RPC missing from the table (or from this test)
// fails the test.
#include <google/protobuf/descriptor.h>

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <set>

#include "archiver_process.h"
#include "auth/roles_table.h"
#include "flow_helpers.h"
#include "postgres_server.h"
#include "store/streams.h"

namespace v1 = liandong::v1;
namespace auth = liandong::auth;
using namespace liandong::testing;

namespace {

// Two cases: one received on 12345 with a police order to the 110 desk (in the 110
// operator's scope), one received on 110 with an order to an agency (in that agency's scope).
struct Fixture {
  v1::Case police_case, agency_case;
  std::string agency_destination;
  const v1::Case& For(const Who& who) const {
    return who.role == liandong::auth::Role::kAgency ? agency_case : police_case;
  }
};

// The identity a role acts as in the matrix, placed so that the request is in its scope.
Who Actor(auth::Role role, const Fixture& f) {
  switch (role) {
    case auth::Role::kOperator:
      return Operator(v1::SIDE_110);
    case auth::Role::kDutyOfficer:
      return Who{role, v1::SIDE_110, "", "duty-110"};
    case auth::Role::kAgency:
      return WorkerOf(f.agency_destination);
    default:
      return As(role);
  }
}

// One call per action, with a request inside the actor's scope. Streams are opened with a
// short deadline: an allowed stream stays open until DEADLINE_EXCEEDED.
using Call = std::function<grpc::Status(Suite&, const Fixture&, const Who&)>;
v1::RecordService::Stub* record_stub = nullptr;  // the archiver of the matrix test
std::map<std::string, Call> Calls() {
  std::map<std::string, Call> calls;
  calls["IntakeService.SubmitCall"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::SubmitCallRequest r;
    r.set_side(who.side == v1::SIDE_UNSPECIFIED ? v1::SIDE_110 : who.side);
    r.set_channel(v1::CHANNEL_PHONE);
    r.set_text("楼下路灯不亮好几天了");
    v1::Case out;
    return s.intake().SubmitCall(Ctx(who).get(), r, &out);
  };
  calls["IntakeService.ConfirmTriage"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::ConfirmTriageRequest r;
    r.set_case_id(f.For(who).case_id());
    r.set_accept_suggestion(true);
    v1::Case out;
    return s.intake().ConfirmTriage(Ctx(who).get(), r, &out);
  };
  calls["IntakeService.GetCase"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::GetCaseRequest r;
    r.set_case_id(f.For(who).case_id());
    v1::Case out;
    return s.intake().GetCase(Ctx(who).get(), r, &out);
  };
  calls["ClassificationService.Classify"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::ClassifyRequest r;
    r.set_side(v1::SIDE_110);
    r.set_channel(v1::CHANNEL_PHONE);
    r.set_text("小区停水了");
    v1::Triage out;
    return s.classification().Classify(Ctx(who).get(), r, &out);
  };
  calls["ClassificationService.GetRuleTableInfo"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::RuleTableInfo out;
    return s.classification().GetRuleTableInfo(Ctx(who).get(), {}, &out);
  };
  calls["DispatchService.CreateOrders"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::CreateOrdersRequest r;
    r.set_case_id(f.For(who).case_id());
    v1::Case out;
    return s.dispatch().CreateOrders(Ctx(who).get(), r, &out);
  };
  calls["DispatchService.SubscribeOrders"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::SubscribeOrdersRequest r;
    r.set_consumer("matrix-" + who.subject + "-" + auth::RoleName(who.role));
    auto ctx = Ctx(who, 1);
    auto reader = s.dispatch().SubscribeOrders(ctx.get(), r);
    v1::OrderDelivery d;
    while (reader->Read(&d)) {
    }
    return reader->Finish();
  };
  calls["DispatchService.SignOrder"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::SignOrderRequest r;
    r.set_order_id(f.For(who).orders(0).order_id());
    v1::WorkOrder out;
    return s.dispatch().SignOrder(Ctx(who).get(), r, &out);
  };
  calls["DispatchService.ReturnOrder"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::ReturnOrderRequest r;
    r.set_order_id(f.For(who).orders(0).order_id());
    r.set_reason_code("not_our_responsibility");
    v1::WorkOrder out;
    return s.dispatch().ReturnOrder(Ctx(who).get(), r, &out);
  };
  calls["DispatchService.ListDestinations"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::ListDestinationsResponse out;
    return s.dispatch().ListDestinations(Ctx(who).get(), {}, &out);
  };
  calls["FeedbackService.ReportProgress"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::ReportProgressRequest r;
    r.set_order_id(f.For(who).orders(0).order_id());
    r.set_note("处理中");
    v1::WorkOrder out;
    return s.feedback().ReportProgress(Ctx(who).get(), r, &out);
  };
  calls["FeedbackService.Resolve"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::ResolveRequest r;
    r.set_order_id(f.For(who).orders(0).order_id());
    r.set_result("已处理");
    v1::WorkOrder out;
    return s.feedback().Resolve(Ctx(who).get(), r, &out);
  };
  calls["FeedbackService.RequestExtension"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::RequestExtensionRequest r;
    r.set_order_id(f.For(who).orders(0).order_id());
    r.set_reason("需要协调");
    v1::WorkOrder out;
    return s.feedback().RequestExtension(Ctx(who).get(), r, &out);
  };
  calls["FeedbackService.RecordCallback"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::RecordCallbackRequest r;
    r.set_case_id(f.For(who).case_id());
    r.set_satisfaction(5);
    r.set_method("phone");
    v1::Case out;
    return s.feedback().RecordCallback(Ctx(who).get(), r, &out);
  };
  auto close = [](v1::CloseReason reason) {
    return [reason](Suite& s, const Fixture& f, const Who& who) {
      v1::CloseCaseRequest r;
      r.set_case_id(f.For(who).case_id());
      r.set_reason(reason);
      r.set_note("矩阵测试");
      v1::Case out;
      return s.feedback().CloseCase(Ctx(who).get(), r, &out);
    };
  };
  calls["FeedbackService.CloseCase"] = close(v1::CLOSED_RESOLVED);
  calls["FeedbackService.CloseCase:cancel"] = close(v1::CLOSED_CANCELLED);
  calls["FeedbackService.CloseCase:merge"] = close(v1::CLOSED_DUPLICATE);
  calls["FeedbackService.Reopen"] = [](Suite& s, const Fixture& f, const Who& who) {
    v1::ReopenRequest r;
    r.set_case_id(f.For(who).case_id());
    r.set_reason("矩阵测试");
    v1::Case out;
    return s.feedback().Reopen(Ctx(who).get(), r, &out);
  };
  calls["FeedbackService.ListAttention"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::ListAttentionResponse out;
    return s.feedback().ListAttention(Ctx(who).get(), {}, &out);
  };
  calls["FeedbackService.GetKpis"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::KpiReport out;
    return s.feedback().GetKpis(Ctx(who).get(), {}, &out);
  };
  calls["FeedbackService.WatchOutcomes"] = [](Suite& s, const Fixture&, const Who& who) {
    v1::WatchOutcomesRequest r;
    auto ctx = Ctx(who, 1);
    auto reader = s.feedback().WatchOutcomes(ctx.get(), r);
    v1::Outcome o;
    while (reader->Read(&o)) {
    }
    return reader->Finish();
  };
  calls["RecordService.ListCases"] = [](Suite&, const Fixture&, const Who& who) {
    v1::ListCasesResponse out;
    return record_stub->ListCases(Ctx(who).get(), {}, &out);
  };
  calls["RecordService.GetCaseRecord"] = [](Suite&, const Fixture& f, const Who& who) {
    v1::GetCaseRecordRequest r;
    r.set_case_id(f.For(who).case_id());
    v1::CaseRecord out;
    return record_stub->GetCaseRecord(Ctx(who).get(), r, &out);
  };
  calls["RecordService.GetKpiReport"] = [](Suite&, const Fixture&, const Who& who) {
    v1::KpiReport out;
    return record_stub->GetKpiReport(Ctx(who).get(), {}, &out);
  };
  calls["RecordService.ExportCsv"] = [](Suite&, const Fixture&, const Who& who) {
    v1::ExportCsvRequest r;
    r.mutable_kpis();
    v1::CsvExport out;
    return record_stub->ExportCsv(Ctx(who).get(), r, &out);
  };
  return calls;
}

// "Service.Method" for every method the proto declares.
std::set<std::string> ProtoActions() {
  std::set<std::string> out;
  const auto* pool = google::protobuf::DescriptorPool::generated_pool();
  for (const char* name : {"liandong.v1.IntakeService", "liandong.v1.ClassificationService",
                           "liandong.v1.DispatchService", "liandong.v1.FeedbackService",
                           "liandong.v1.RecordService"}) {
    const auto* service = pool->FindServiceByName(name);
    REQUIRE(service != nullptr);
    for (int i = 0; i < service->method_count(); ++i) {
      out.insert(service->name() + "." + service->method(i)->name());
    }
  }
  return out;
}

}  // namespace

TEST_CASE("the roles table covers every RPC and names only real ones") {
  // Make sure the generated services are linked in, so the pool knows them.
  (void)v1::IntakeService::service_full_name();
  (void)v1::ClassificationService::service_full_name();
  (void)v1::DispatchService::service_full_name();
  (void)v1::FeedbackService::service_full_name();
  (void)v1::RecordService::service_full_name();
  const auto proto = ProtoActions();
  std::set<std::string> in_table;
  for (const auto& p : auth::RolesTable()) {
    const std::string action(p.action);
    const std::string method = action.substr(0, action.find(':'));
    INFO(action);
    CHECK(proto.count(method) == 1);
    in_table.insert(method);
  }
  const auto calls = Calls();
  for (const auto& m : proto) {
    INFO(m << " has no row in the roles table or no call in this test");
    CHECK(in_table.count(m) == 1);
    CHECK(calls.count(m) == 1);
  }
}

TEST_CASE("every role and every RPC: allowed or refused exactly as the roles table says") {
  Suite s;
  PostgresServer pg;
  ArchiverProcess archiver(s.redis_server().address(), pg.conninfo());
  record_stub = &archiver.record();
  Fixture f;
  f.police_case = Confirm(s, Submit(s, v1::SIDE_12345, "昨晚我家楼下的电动车被人偷了").case_id());
  REQUIRE(f.police_case.orders_size() == 1);
  REQUIRE(f.police_case.orders(0).destination() == "110");
  f.agency_case = Confirm(s, Submit(s, v1::SIDE_110, "门口路灯晚上一直不亮，黑灯瞎火的").case_id());
  REQUIRE(f.agency_case.orders_size() == 1);
  f.agency_destination = f.agency_case.orders(0).destination();
  REQUIRE(f.agency_destination.rfind("agency:", 0) == 0);

  const auto calls = Calls();
  std::set<std::string> actions;
  for (const auto& [action, call] : calls) actions.insert(action);
  int allowed = 0, refused = 0, refused_with_redis = 0;
  for (const std::string& action : actions) {
    for (auth::Role role : auth::kAllRoles) {
      const Who who = Actor(role, f);
      const bool expected = auth::FindPermission(role, action) != nullptr;
      const grpc::Status status = calls.at(action)(s, f, who);
      INFO(auth::RoleName(role) << " → " << action << ": " << status.error_code() << " "
                                << status.error_message());
      if (expected) {
        ++allowed;
        CHECK(status.error_code() != grpc::StatusCode::PERMISSION_DENIED);
        CHECK(status.error_code() != grpc::StatusCode::UNAUTHENTICATED);
      } else {
        ++refused;
        refused_with_redis += action.rfind("ClassificationService.", 0) != 0;
        CHECK(status.error_code() == grpc::StatusCode::PERMISSION_DENIED);
      }
    }
  }
  CHECK(allowed == static_cast<int>(auth::RolesTable().size()));
  CHECK(refused > allowed);

  // Every refusal by a service with Redis is kept in the security audit stream (the stateless
  // classifier counts its refusals in metrics only).
  auto audit = s.redis().Command({"XRANGE", "ld:security", "-", "+"});
  REQUIRE(audit.ok());
  int denials = 0;
  for (const auto& e : liandong::store::ParseEntries(*audit))
    denials += e.Field("type") == "denied";
  CHECK(denials == refused_with_redis);
}

TEST_CASE("the same RPCs out of scope: the other side's operator and another agency") {
  Suite s;
  const auto c = Confirm(s, Submit(s, v1::SIDE_110, "门口路灯晚上一直不亮，黑灯瞎火的").case_id());
  REQUIRE(c.orders_size() == 1);
  const auto& order = c.orders(0);
  const Who other_desk = Operator(v1::SIDE_12345);
  const Who other_agency = WorkerOf("agency:water_company");
  REQUIRE(order.destination() != "agency:water_company");
  auto denied = [](const grpc::Status& st) {
    INFO(st.error_code() << " " << st.error_message());
    return st.error_code() == grpc::StatusCode::PERMISSION_DENIED;
  };
  for (const Who& who : {other_desk, other_agency}) {
    INFO(who.subject);
    v1::GetCaseRequest get;
    get.set_case_id(c.case_id());
    v1::Case out;
    CHECK(denied(s.intake().GetCase(Ctx(who).get(), get, &out)));
    // Naming the order's real destination: refused by the scope of the token.
    v1::SignOrderRequest sign;
    sign.set_order_id(order.order_id());
    sign.set_destination(order.destination());
    v1::WorkOrder wo;
    CHECK(denied(s.dispatch().SignOrder(Ctx(who).get(), sign, &wo)));
    // Naming its own destination: refused because the order is not its own.
    sign.clear_destination();
    CHECK(denied(s.dispatch().SignOrder(Ctx(who).get(), sign, &wo)));
    v1::ReturnOrderRequest ret;
    ret.set_order_id(order.order_id());
    ret.set_reason_code("not_our_responsibility");
    CHECK(denied(s.dispatch().ReturnOrder(Ctx(who).get(), ret, &wo)));
    v1::ResolveRequest resolve;
    resolve.set_order_id(order.order_id());
    resolve.set_result("已处理");
    CHECK(denied(s.feedback().Resolve(Ctx(who).get(), resolve, &wo)));
    v1::ReportProgressRequest progress;
    progress.set_order_id(order.order_id());
    progress.set_note("x");
    CHECK(denied(s.feedback().ReportProgress(Ctx(who).get(), progress, &wo)));
    v1::RequestExtensionRequest extension;
    extension.set_order_id(order.order_id());
    extension.set_reason("x");
    CHECK(denied(s.feedback().RequestExtension(Ctx(who).get(), extension, &wo)));
    // Subscribing to the agency's stream or to the police stream.
    for (const std::string& destination : {order.destination(), std::string("110")}) {
      v1::SubscribeOrdersRequest sub;
      sub.set_destination(destination);
      sub.set_consumer("spy");
      auto ctx = Ctx(who, 2);
      auto reader = s.dispatch().SubscribeOrders(ctx.get(), sub);
      v1::OrderDelivery d;
      CHECK_FALSE(reader->Read(&d));
      CHECK(denied(reader->Finish()));
    }
  }
  // The order is untouched.
  CHECK(GetCase(s, c.case_id()).orders(0).status() == v1::ORDER_DISPATCHED);
}
