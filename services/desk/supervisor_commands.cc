// Commands of supervisors: KPIs, what needs attention, reopening, extensions, closing honestly.
#include <iostream>

#include "absl/flags/declare.h"
#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "commands.h"
#include "common/time_util.h"
#include "render.h"

ABSL_FLAG(std::string, group_by, "", "kpi: direction, category, item, agency or district");
ABSL_FLAG(int, hours, 24, "kpi: the window, the last this many hours");
ABSL_FLAG(int, horizon_minutes, 60, "attention: at risk = due within this many minutes");
ABSL_FLAG(std::string, close_reason, "resolved",
          "close: resolved, not_responsible, duplicate, cancelled");
ABSL_FLAG(std::string, closed_to, "", "close not_responsible: where the matter went");
ABSL_FLAG(std::string, duplicate_of, "", "close duplicate: the case that carries the matter");
ABSL_DECLARE_FLAG(std::string, operator_id);
ABSL_DECLARE_FLAG(std::string, reason);
ABSL_DECLARE_FLAG(std::string, note);
ABSL_DECLARE_FLAG(std::string, destination);
ABSL_DECLARE_FLAG(std::string, handler);

namespace liandong::desk {
namespace {

std::string Percent(double rate, int64_t den) {
  return den == 0 ? "    -" : absl::StrFormat("%5.1f%%", 100 * rate);
}

// The rates as libs/kpi computed them; each "-" test uses that rate's own denominator.
void PrintKpiRow(const v1::KpiRow& r) {
  std::cout << absl::StrFormat("%-26s %6d %6d %7s %7s %7s %7s %7s %7s\n", r.group(), r.calls(),
                               r.orders(), Percent(r.on_time_sign_rate(), r.sign_counted()),
                               Percent(r.response_rate(), r.sign_counted()),
                               Percent(r.on_time_resolve_rate(), r.resolve_counted()),
                               Percent(r.satisfaction_rate(), r.callbacks()),
                               Percent(r.redo_rate(), r.resolved_cases()),
                               Percent(r.direct_answer_rate(), r.calls()));
}

}  // namespace

int Kpi(Clients& c, const Args&) {
  v1::GetKpisRequest req;
  *req.mutable_from() = ToProto(absl::Now() - absl::Hours(absl::GetFlag(FLAGS_hours)));
  *req.mutable_to() = ToProto(absl::Now());
  req.set_group_by(absl::GetFlag(FLAGS_group_by));
  v1::KpiReport out;
  if (int rc = Report(c.feedback->GetKpis(c.Context().get(), req, &out))) return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  std::cout << "KPIs " << FormatLocal(out.from()) << " – " << FormatLocal(out.to())
            << " (deadlines judged at " << FormatLocal(out.as_of()) << "; " << out.events_read()
            << " events)\n";
  std::cout << absl::StrFormat("%-26s %6s %6s %7s %7s %7s %7s %7s %7s\n", "group", "calls",
                               "orders", "签收", "响应", "办结", "满意", "重办", "直答");
  for (const auto& row : out.rows()) PrintKpiRow(row);
  PrintKpiRow(out.total());
  return 0;
}

int Attention(Clients& c, const Args&) {
  v1::ListAttentionRequest req;
  req.set_horizon_minutes(absl::GetFlag(FLAGS_horizon_minutes));
  v1::ListAttentionResponse out;
  if (int rc = Report(c.feedback->ListAttention(c.Context().get(), req, &out))) return rc;
  if (JsonOutput()) {
    PrintJson(out, std::cout);
    return 0;
  }
  std::cout << "overdue and at risk:\n";
  for (const auto& i : out.items()) {
    const int64_t s = i.overdue_seconds();
    std::cout << absl::StrFormat("  %-8s %-9s %-24s %-28s due %s (%s %dm)\n", i.state(), i.step(),
                                 i.order_id(), i.destination(), FormatLocal(i.due()),
                                 s >= 0 ? "late by" : "left", (s >= 0 ? s : -s) / 60);
  }
  std::cout << "supervision and escalations:\n";
  for (const auto& o : out.supervision()) {
    std::cout << "  " << FormatLocal(o.at()) << "  " << o.type() << "  " << o.order_id() << "  "
              << o.detail() << "\n";
  }
  return 0;
}

int Reopen(Clients& c, const Args& args) {
  if (args.size() != 1)
    return Usage("reopen CASE_ID --reason R [--operator_id SUPERVISOR]", "name one case id");
  v1::ReopenRequest req;
  req.set_case_id(args[0]);
  req.set_supervisor_id(absl::GetFlag(FLAGS_operator_id));
  req.set_reason(absl::GetFlag(FLAGS_reason));
  v1::Case out;
  req.set_request_id(RequestId());
  if (int rc = Report(CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.feedback->Reopen(ctx, req, &out); })))
    return rc;
  PrintOrders(out, std::cout);
  return 0;
}

int Extend(Clients& c, const Args& args) {
  if (args.size() != 1) {
    return Usage("extend ORDER_ID --destination D --handler H --reason R", "name one order id");
  }
  v1::RequestExtensionRequest req;
  req.set_order_id(args[0]);
  req.set_destination(absl::GetFlag(FLAGS_destination));
  req.set_handler(absl::GetFlag(FLAGS_handler));
  req.set_reason(absl::GetFlag(FLAGS_reason));
  v1::WorkOrder out;
  req.set_request_id(RequestId());
  if (int rc = Report(CallWithRetry(c, [&](grpc::ClientContext* ctx) {
        return c.feedback->RequestExtension(ctx, req, &out);
      })))
    return rc;
  PrintOrder(out, std::cout);
  return 0;
}

int Close(Clients& c, const Args& args) {
  const char* kUsage =
      "close CASE_ID [--close_reason resolved|not_responsible|duplicate|cancelled] "
      "[--closed_to WHERE] [--duplicate_of CASE] [--note N]";
  if (args.size() != 1) return Usage(kUsage, "name one case id");
  const std::string reason = absl::GetFlag(FLAGS_close_reason);
  v1::CloseCaseRequest req;
  if (reason == "resolved") {
    req.set_reason(v1::CLOSED_RESOLVED);
  } else if (reason == "not_responsible") {
    req.set_reason(v1::CLOSED_NOT_RESPONSIBLE);
  } else if (reason == "duplicate") {
    req.set_reason(v1::CLOSED_DUPLICATE);
  } else if (reason == "cancelled") {
    req.set_reason(v1::CLOSED_CANCELLED);
  } else {
    return Usage(kUsage, "--close_reason: '" + reason + "' is not one of the four");
  }
  req.set_case_id(args[0]);
  req.set_operator_id(absl::GetFlag(FLAGS_operator_id));
  req.set_note(absl::GetFlag(FLAGS_note));
  req.set_closed_to(absl::GetFlag(FLAGS_closed_to));
  req.set_duplicate_of(absl::GetFlag(FLAGS_duplicate_of));
  v1::Case out;
  req.set_request_id(RequestId());
  if (int rc = Report(CallWithRetry(
          c, [&](grpc::ClientContext* ctx) { return c.feedback->CloseCase(ctx, req, &out); })))
    return rc;
  std::cout << "case " << out.case_id() << " closed: " << v1::CloseReason_Name(out.close_reason())
            << "\n";
  return 0;
}

}  // namespace liandong::desk
