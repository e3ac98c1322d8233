#include "workflow/case_events.h"

#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "common/time_util.h"

namespace liandong::workflow {
namespace {

// Notes a case keeps inline; older ones stay in ld:events and the record (GetCaseRecord).
constexpr int kProgressNotesKeptPerOrder = 20;
constexpr int kTimelineEntriesKept = 300;

bool IsNote(const v1::TimelineEntry& e) {
  return e.type() == "progress" || e.type() == "reminder" || e.type() == "supervision";
}

// Drops the oldest routine notes so a case stays small whatever happens to it; decisions
// (received, confirmed, signed, resolved, closed …) are never dropped.
void KeepTimelineBounded(v1::Case& c, const std::string& order_id) {
  auto* timeline = c.mutable_timeline();
  int notes_of_order = 0;
  for (const auto& e : *timeline) {
    if (e.type() == "progress" && e.order_id() == order_id) ++notes_of_order;
  }
  int excess_total = timeline->size() - kTimelineEntriesKept;
  int excess_order = order_id.empty() ? 0 : notes_of_order - kProgressNotesKeptPerOrder;
  if (excess_total <= 0 && excess_order <= 0) return;
  google::protobuf::RepeatedPtrField<v1::TimelineEntry> kept;
  for (auto& e : *timeline) {
    if (excess_order > 0 && e.type() == "progress" && e.order_id() == order_id) {
      --excess_order;
      --excess_total;
      continue;
    }
    if (excess_total > 0 && IsNote(e)) {
      --excess_total;
      continue;
    }
    *kept.Add() = std::move(e);
  }
  timeline->Swap(&kept);
}

}  // namespace

void RecordEvent(v1::Case& c, store::CaseMutation& m, const store::Keys& keys,
                 const std::string& type, const std::string& actor, const v1::WorkOrder* order,
                 const std::string& detail, absl::Time now, const store::Fields& extra) {
  auto* entry = c.add_timeline();
  entry->set_type(type);
  *entry->mutable_at() = ToProto(now);
  entry->set_actor(actor);
  entry->set_detail(detail);
  entry->set_case_status(c.status());
  if (order) entry->set_order_id(order->order_id());
  KeepTimelineBounded(c, order ? order->order_id() : "");

  // Flat fields, so KPIs can be rebuilt from the stream alone without decoding cases.
  const v1::Triage& t = c.has_confirmed() ? c.confirmed() : c.suggested();
  store::Fields f = {
      {"type", type},
      {"case_id", c.case_id()},
      {"at_ms", absl::StrCat(absl::ToUnixMillis(now))},
      {"actor", actor},
      {"side", SideLabel(c.side_received())},
      {"channel", ChannelLabel(c.channel())},
      {"case_status", CaseStatusLabel(c.status())},
      {"disposition", DispositionLabel(t.disposition())},
      {"category", t.category()},
      {"item", t.item()},
      {"district", c.location().district_code()},
      {"rules_version", t.rules_version()},
      {"detail", detail},
  };
  if (order) {
    f.insert(
        f.end(),
        {{"order_id", order->order_id()},
         {"order_status", OrderStatusLabel(order->status())},
         {"destination", order->destination()},
         {"agency", order->agency_id()},
         {"from_side", SideLabel(order->from_side())},
         {"to_side", SideLabel(order->to_side())},
         {"order_item", order->item()},
         {"order_category", order->category()},
         {"sign_due_ms", absl::StrCat(absl::ToUnixMillis(FromProto(order->sign_due())))},
         {"resolve_due_ms", absl::StrCat(absl::ToUnixMillis(FromProto(order->resolve_due())))}});
  }
  f.insert(f.end(), extra.begin(), extra.end());
  m.appends.push_back({keys.Events(), std::move(f), ""});
}

void RecordOutcome(const v1::Case& c, store::CaseMutation& m, const store::Keys& keys,
                   const std::string& type, const std::string& actor, const v1::WorkOrder* order,
                   const std::string& detail, absl::Time now) {
  auto append = [&](const std::string& case_id, v1::Side side, const std::string& text) {
    store::Fields f = {
        {"type", type},   {"case_id", case_id}, {"order_id", order ? order->order_id() : ""},
        {"actor", actor}, {"detail", text},     {"at_ms", absl::StrCat(absl::ToUnixMillis(now))},
    };
    m.appends.push_back({keys.Outcomes(side), std::move(f), ""});
  };
  append(c.case_id(), c.side_received(), detail);
  // Callers whose calls were linked to this case hear the same outcome.
  for (const auto& linked : c.linked()) {
    append(linked.case_id(), linked.side_received(),
           absl::StrCat("(linked to ", c.case_id(), ") ", detail));
  }
}

}  // namespace liandong::workflow
