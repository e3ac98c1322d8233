#include "demo_report.h"

#include <map>

#include "absl/strings/str_format.h"
#include "common/enums.h"

namespace liandong::demo {
namespace {

std::string Rate(double rate, int64_t num, int64_t den) {
  if (den == 0) return "   -  ";
  return absl::StrFormat("%5.1f%% (%d/%d)", 100.0 * rate, num, den);
}

}  // namespace

DemoTotals Report(const std::vector<v1::Case>& cases, const std::set<std::string>& received,
                  const v1::KpiReport& kpis, std::ostream& out) {
  DemoTotals t;
  std::map<std::string, std::map<std::string, int>> by_side;
  std::map<std::string, int> by_destination, by_close, by_direction;
  for (const auto& c : cases) {
    ++t.calls;
    by_side[SideLabel(c.side_received())][DispositionLabel(c.confirmed().disposition())]++;
    if (c.status() == v1::CASE_CLOSED) {
      ++t.closed;
      by_close[v1::CloseReason_Name(c.close_reason())]++;
    }
    for (const auto& o : c.orders()) {
      ++t.orders;
      by_destination[o.destination()]++;
      by_direction[SideLabel(o.from_side()) + "→" + SideLabel(o.to_side())]++;
      if (!received.count(o.order_id())) ++t.lost;
    }
  }
  out << "\nCalls by side and disposition\n";
  for (const auto& [side, m] : by_side) {
    for (const auto& [d, n] : m) out << absl::StrFormat("  %-6s %-15s %3d\n", side, d, n);
  }
  out << "\nWork orders by destination\n";
  for (const auto& [d, n] : by_destination) out << absl::StrFormat("  %-28s %3d\n", d, n);
  out << "\nWork orders by direction\n";
  for (const auto& [d, n] : by_direction) out << absl::StrFormat("  %-14s %3d\n", d, n);
  out << "\nClosed cases by reason\n";
  for (const auto& [r, n] : by_close) out << absl::StrFormat("  %-22s %3d\n", r, n);
  // The suite's one definition (libs/kpi, FeedbackService.GetKpis), not a count of our own.
  const v1::KpiRow& k = kpis.total();
  out << "\nKPIs (policy §6, FeedbackService.GetKpis)\n"
      << "  on-time sign-for rate (按时签收率)   "
      << Rate(k.on_time_sign_rate(), k.responded_on_time(), k.sign_counted()) << "\n"
      << "  response rate (响应率)               "
      << Rate(k.response_rate(), k.responded(), k.sign_counted()) << "\n"
      << "  on-time resolution rate (按时办结率) "
      << Rate(k.on_time_resolve_rate(), k.resolved_on_time(), k.resolve_counted()) << "\n"
      << "  satisfaction rate (满意率)           "
      << Rate(k.satisfaction_rate(), k.satisfied(), k.callbacks()) << "\n"
      << "  redo rate (发回重办率)               "
      << Rate(k.redo_rate(), k.reopened(), k.resolved_cases()) << "\n"
      << "  direct-answer rate (直接答复率)      "
      << Rate(k.direct_answer_rate(), k.direct_answers(), k.calls()) << "\n\n";
  return t;
}

}  // namespace liandong::demo
