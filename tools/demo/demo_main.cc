// liandong-demo: replays sample calls through a running suite, playing every role
// (operators at both desks, partner agencies, the callback desk), then prints a summary.
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "auth/authorizer.h"
#include "common/enums.h"
#include "common/time_util.h"
#include "demo_identities.h"
#include "demo_report.h"
#include "liandong/v1/intake.grpc.pb.h"
#include "partner_pool.h"
#include "sample_calls.h"
#include "server/client_channel.h"

ABSL_FLAG(std::string, intake, "127.0.0.1:50051", "intake address");
ABSL_FLAG(std::string, dispatch, "127.0.0.1:50053", "dispatch address");
ABSL_FLAG(std::string, feedback, "127.0.0.1:50054", "feedback address");
ABSL_FLAG(std::string, classification, "127.0.0.1:50052", "classification address (unused)");
ABSL_FLAG(std::string, calls, "deploy/samples/calls.tsv", "sample calls TSV");
ABSL_FLAG(int, timeout_seconds, 60, "how long to wait for every order to be handled");

namespace {

using namespace liandong;
constexpr absl::Duration kCallTimeout = absl::Seconds(5);

bool Check(const grpc::Status& s, const std::string& what) {
  if (!s.ok()) std::cerr << "demo: " << what << ": " << s.error_message() << "\n";
  return s.ok();
}

v1::Case Fetch(v1::IntakeService::Stub& intake, demo::DemoIdentities& ids,
               const std::string& case_id) {
  grpc::ClientContext ctx;
  server::SetDeadline(ctx, kCallTimeout);
  auth::AttachToken(ctx, ids.Supervisor());
  v1::GetCaseRequest req;
  req.set_case_id(case_id);
  v1::Case c;
  Check(intake.GetCase(&ctx, req, &c), "get " + case_id);
  return c;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto calls = demo::ReadSampleCalls(absl::GetFlag(FLAGS_calls));
  if (!calls.ok()) {
    std::cerr << "demo: " << calls.status().message() << "\n";
    return 2;
  }
  auto security = server::ClientSecurityFromFlags();
  auto ids = demo::DemoIdentities::FromFlags();
  if (!security.ok() || !ids.ok()) {
    std::cerr << "demo: " << (security.ok() ? ids.status() : security.status()).message() << "\n";
    return 2;
  }
  auto intake =
      v1::IntakeService::NewStub(server::MakeChannel(absl::GetFlag(FLAGS_intake), *security));
  auto dispatch =
      v1::DispatchService::NewStub(server::MakeChannel(absl::GetFlag(FLAGS_dispatch), *security));
  auto feedback =
      v1::FeedbackService::NewStub(server::MakeChannel(absl::GetFlag(FLAGS_feedback), *security));

  v1::ListDestinationsResponse destinations;
  {
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    auth::AttachToken(ctx, ids->Supervisor());
    if (!Check(dispatch->ListDestinations(&ctx, {}, &destinations), "list destinations")) return 1;
  }
  std::vector<std::string> names;
  for (const auto& d : destinations.destinations()) names.push_back(d.destination());
  demo::PartnerPool partners(*dispatch, *feedback, *ids);
  partners.Start(names);
  std::cout << "Partners subscribed to " << names.size() << " destinations\n\n";

  std::vector<std::string> case_ids;
  const absl::Time started = absl::Now();
  for (const auto& call : *calls) {
    const std::string desk = ids->Operator(call.request.side(), call.request.operator_id());
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    auth::AttachToken(ctx, desk);
    v1::Case c;
    if (!Check(intake->SubmitCall(&ctx, call.request, &c), "submit " + call.id)) continue;
    v1::ConfirmTriageRequest confirm;
    confirm.set_case_id(c.case_id());
    confirm.set_operator_id(call.request.operator_id());
    confirm.set_accept_suggestion(true);
    grpc::ClientContext ctx2;
    server::SetDeadline(ctx2, kCallTimeout);
    auth::AttachToken(ctx2, desk);
    v1::Case confirmed;
    if (!Check(intake->ConfirmTriage(&ctx2, confirm, &confirmed), "confirm " + c.case_id()))
      continue;
    case_ids.push_back(c.case_id());
    const auto& t = confirmed.confirmed();
    std::cout << absl::StrFormat(
        "%-4s %-5s %-18s %-15s %-20s %d order(s)\n", call.id, SideLabel(c.side_received()),
        c.case_id(), DispositionLabel(t.disposition()),
        !t.item().empty() ? t.item()
                          : (!t.handover_item().empty() ? t.handover_item() : t.police_class()),
        confirmed.orders_size());
  }

  // Wait until every order has reached a partner and been resolved.
  const absl::Time deadline = absl::Now() + absl::Seconds(absl::GetFlag(FLAGS_timeout_seconds));
  std::vector<v1::Case> cases;
  while (true) {
    cases.clear();
    bool settled = true;
    for (const auto& id : case_ids) {
      cases.push_back(Fetch(*intake, *ids, id));
      const auto s = cases.back().status();
      if (s == v1::CASE_DISPATCHED || s == v1::CASE_IN_PROGRESS) settled = false;
    }
    if (settled || absl::Now() > deadline) break;
    absl::SleepFor(absl::Milliseconds(200));
  }
  // The callback desk: satisfaction for every resolved case, then close it.
  const int levels[] = {5, 4, 5, 3, 4, 2};
  int n = 0;
  for (auto& c : cases) {
    if (c.status() != v1::CASE_RESOLVED) continue;
    const std::string callback_desk = ids->Operator(c.side_received(), "demo-callback");
    v1::RecordCallbackRequest cb;
    cb.set_case_id(c.case_id());
    cb.set_operator_id("demo-callback");
    cb.set_satisfaction(levels[n++ % 6]);
    cb.set_method("phone");
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    auth::AttachToken(ctx, callback_desk);
    v1::Case out;
    if (!Check(feedback->RecordCallback(&ctx, cb, &out), "callback " + c.case_id())) continue;
    v1::CloseCaseRequest close;
    close.set_case_id(c.case_id());
    close.set_operator_id("demo-callback");
    grpc::ClientContext ctx2;
    server::SetDeadline(ctx2, kCallTimeout);
    auth::AttachToken(ctx2, callback_desk);
    Check(feedback->CloseCase(&ctx2, close, &out), "close " + c.case_id());
  }
  partners.Stop();
  for (auto& c : cases) c = Fetch(*intake, *ids, c.case_id());

  v1::KpiReport kpis;
  {
    v1::GetKpisRequest req;
    *req.mutable_from() = ToProto(started);
    grpc::ClientContext ctx;
    server::SetDeadline(ctx, kCallTimeout);
    auth::AttachToken(ctx, ids->Supervisor());
    Check(feedback->GetKpis(&ctx, req, &kpis), "kpis");
  }
  const demo::DemoTotals totals = demo::Report(cases, partners.Received(), kpis, std::cout);
  if (partners.duplicates() > 0)
    std::cout << "duplicate deliveries: " << partners.duplicates() << "\n";
  std::cout << "demo: " << totals.calls << " calls, " << totals.orders << " work orders, "
            << totals.closed << " closed, " << totals.lost << " lost" << std::endl;
  const bool ok = totals.lost == 0 && totals.closed > 0 &&
                  totals.calls == static_cast<int>(calls->size()) && partners.errors() == 0;
  return ok ? 0 : 1;
}
