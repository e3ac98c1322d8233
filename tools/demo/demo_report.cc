#include "demo_report.h"

#include <map>

#include "absl/strings/str_format.h"
#include "common/enums.h"

namespace liandong::demo {
namespace {

std::string Rate(int num, int den) {
  if (den == 0) return "   -  ";
  return absl::StrFormat("%5.1f%% (%d/%d)", 100.0 * num / den, num, den);
}

}  // namespace

DemoTotals Report(const std::vector<v1::Case>& cases, const std::set<std::string>& received,
                  std::ostream& out) {
  DemoTotals t;
  std::map<std::string, std::map<std::string, int>> by_side;
  std::map<std::string, int> by_destination, by_close, by_direction;
  int signed_count = 0, signed_on_time = 0, resolved = 0, resolved_on_time = 0;
  int callbacks = 0, satisfied = 0, direct = 0;
  for (const auto& c : cases) {
    ++t.calls;
    by_side[SideLabel(c.side_received())][DispositionLabel(c.confirmed().disposition())]++;
    if (c.confirmed().disposition() == v1::DIRECT_ANSWER) ++direct;
    if (c.status() == v1::CASE_CLOSED) {
      ++t.closed;
      by_close[v1::CloseReason_Name(c.close_reason())]++;
    }
    if (c.callback().satisfaction() > 0) {
      ++callbacks;
      satisfied += c.callback().satisfaction() >= 4;
    }
    for (const auto& o : c.orders()) {
      ++t.orders;
      by_destination[o.destination()]++;
      by_direction[SideLabel(o.from_side()) + "→" + SideLabel(o.to_side())]++;
      if (!received.count(o.order_id())) ++t.lost;
      if (o.signed_at().seconds() > 0) {
        ++signed_count;
        signed_on_time += o.signed_at().seconds() <= o.sign_due().seconds();
      }
      if (o.resolved_at().seconds() > 0) {
        ++resolved;
        resolved_on_time += o.resolved_at().seconds() <= o.resolve_due().seconds();
      }
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
  out << "\nKPIs (policy §6)\n"
      << "  on-time sign-for rate (按时签收率)   " << Rate(signed_on_time, t.orders) << "\n"
      << "  response rate (响应率)               " << Rate(signed_count, t.orders) << "\n"
      << "  on-time resolution rate (按时办结率) " << Rate(resolved_on_time, t.orders) << "\n"
      << "  satisfaction rate (满意率)           " << Rate(satisfied, callbacks) << "\n"
      << "  redo rate (发回重办率)               " << Rate(0, t.orders) << "\n"
      << "  direct-answer rate (直接答复率)      " << Rate(direct, t.calls) << "\n\n";
  return t;
}

}  // namespace liandong::demo
