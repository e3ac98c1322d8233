#include "render.h"

#include "absl/strings/str_format.h"
#include "common/enums.h"
#include "common/time_util.h"
#include "google/protobuf/util/json_util.h"
#include "text_width.h"

namespace liandong::desk {

void PrintJson(const google::protobuf::Message& m, std::ostream& out) {
  std::string json;
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  (void)google::protobuf::util::MessageToJsonString(m, &json, options);
  out << json;
}

void PrintTriage(const v1::Triage& t, std::ostream& out) {
  std::string what = !t.item().empty()            ? t.item()
                     : !t.handover_item().empty() ? "handover " + t.handover_item()
                                                  : t.police_class();
  out << absl::StrFormat("  %s %s  confidence %.2f%s\n", DispositionLabel(t.disposition()), what,
                         t.confidence(), t.needs_review() ? "  ⚠ needs review" : "");
  if (!t.reason().empty()) out << "  why: " << t.reason() << "\n";
  for (const auto& e : t.evidence()) {
    out << "    " << PadRight(e.kind(), 9) << PadRight(e.text(), 13) << "→ " << e.ref() << "\n";
  }
  for (const auto& a : t.alternatives()) {
    out << absl::StrFormat("    or %s %s (%.2f)\n", DispositionLabel(a.disposition()), a.item(),
                           a.confidence());
  }
  out << "  rule table " << t.rules_version() << ", model " << t.model_version() << "\n";
}

void PrintOrder(const v1::WorkOrder& o, std::ostream& out) {
  out << absl::StrFormat("  %-24s %-26s %-15s %-16s %-3s sign by %s  %s\n", o.order_id(),
                         o.destination(), v1::OrderKind_Name(o.kind()),
                         v1::Priority_Name(o.priority()), o.sla_tier(), FormatLocal(o.sign_due()),
                         OrderStatusLabel(o.status()));
}

void PrintOrders(const v1::Case& c, std::ostream& out) {
  if (c.orders_size() == 0) return;
  out << "orders:\n";
  for (const auto& o : c.orders()) PrintOrder(o, out);
}

void PrintCase(const v1::Case& c, std::ostream& out) {
  out << "case " << c.case_id() << "  [" << CaseStatusLabel(c.status()) << "]  received at "
      << SideLabel(c.side_received()) << " by " << ChannelLabel(c.channel()) << " "
      << FormatLocal(c.received_at()) << ", owner " << SideLabel(c.owner_side()) << "\n";
  out << "  caller " << c.caller().phone() << "  " << c.location().address() << " ("
      << c.location().district_code() << ")\n  text: " << c.text() << "\n";
  out << "suggested:\n";
  PrintTriage(c.suggested(), out);
  if (c.has_confirmed()) {
    out << (c.overridden() ? "overridden to:\n" : "confirmed:\n");
    PrintTriage(c.confirmed(), out);
  }
  for (const auto& t : c.transfers()) {
    out << "transfer " << SideLabel(t.from_side()) << " → " << SideLabel(t.to_side())
        << (t.three_way_call() ? " with three-way call" : "") << ": " << t.reason() << "\n";
  }
  PrintOrders(c, out);
  if (c.callback().satisfaction() > 0) {
    out << "callback: " << c.callback().satisfaction() << "/5 via " << c.callback().method()
        << "\n";
  }
  out << "timeline:\n";
  for (const auto& e : c.timeline()) {
    out << absl::StrFormat("  %s  %-14s %-28s %-24s %s\n", FormatLocal(e.at()), e.type(), e.actor(),
                           e.order_id(), e.detail());
  }
}

}  // namespace liandong::desk
