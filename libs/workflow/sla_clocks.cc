#include "workflow/sla_clocks.h"

#include "absl/strings/str_cat.h"
#include "common/time_util.h"
#include "rules/sla.h"

namespace liandong::workflow {
namespace {

constexpr const char* kKindNames[] = {"sign_reminder", "sign_due", "resolve_reminder",
                                      "resolve_due", "resolve_escalation"};
constexpr int kEscalationWorkingDays = 5;

void Add(const v1::WorkOrder& o, ClockKind kind, absl::Time at, const store::Keys& keys,
         store::CaseMutation& m) {
  m.sorted_sets.push_back({keys.SlaClocks(), store::SortedSetChange::Kind::kAdd,
                           static_cast<double>(absl::ToUnixMillis(at)),
                           ClockMember(o.order_id(), kind)});
}

void Remove(const std::string& order_id, ClockKind kind, const store::Keys& keys,
            store::CaseMutation& m) {
  m.sorted_sets.push_back(
      {keys.SlaClocks(), store::SortedSetChange::Kind::kRemove, 0, ClockMember(order_id, kind)});
}

// Open deadlines, kept apart from the clocks (which are consumed when they fire) so the
// supervision desk can list what is overdue.
void AddDeadline(const std::string& order_id, const char* step, absl::Time due,
                 const store::Keys& keys, store::CaseMutation& m) {
  m.sorted_sets.push_back({keys.Deadlines(), store::SortedSetChange::Kind::kAdd,
                           static_cast<double>(absl::ToUnixMillis(due)),
                           absl::StrCat(order_id, "|", step)});
}

void RemoveDeadline(const std::string& order_id, const char* step, const store::Keys& keys,
                    store::CaseMutation& m) {
  m.sorted_sets.push_back({keys.Deadlines(), store::SortedSetChange::Kind::kRemove, 0,
                           absl::StrCat(order_id, "|", step)});
}

absl::Time AtEightyPercent(absl::Time start, absl::Time due) { return start + (due - start) * 0.8; }

}  // namespace

std::string ClockMember(const std::string& order_id, ClockKind kind) {
  return absl::StrCat(order_id, "|", kKindNames[static_cast<int>(kind)]);
}

absl::StatusOr<Clock> ParseClockMember(const std::string& member) {
  const size_t bar = member.rfind('|');
  if (bar == std::string::npos)
    return absl::InvalidArgumentError("sla clock: no kind in " + member);
  const std::string kind = member.substr(bar + 1);
  for (int k = 0; k < 5; ++k) {
    if (kind == kKindNames[k]) return Clock{member.substr(0, bar), static_cast<ClockKind>(k)};
  }
  return absl::InvalidArgumentError("sla clock: unknown kind in " + member);
}

const char* ClockEventType(ClockKind kind) {
  switch (kind) {
    case ClockKind::kSignReminder:
    case ClockKind::kResolveReminder:
      return "reminder";
    case ClockKind::kSignDue:
    case ClockKind::kResolveDue:
      return "supervision";
    case ClockKind::kResolveEscalation:
      return "escalated";
  }
  return "reminder";
}

void ScheduleClocks(const v1::WorkOrder& o, const rules::WorkCalendar& calendar,
                    absl::TimeZone zone, const store::Keys& keys, store::CaseMutation& m) {
  const absl::Time created = FromProto(o.created_at());
  const absl::Time sign_due = FromProto(o.sign_due());
  Add(o, ClockKind::kSignReminder, AtEightyPercent(created, sign_due), keys, m);
  Add(o, ClockKind::kSignDue, sign_due, keys, m);
  AddDeadline(o.order_id(), "sign_for", sign_due, keys, m);
  ScheduleResolveClocks(o, created, calendar, zone, keys, m);
}

void ScheduleResolveClocks(const v1::WorkOrder& o, absl::Time start,
                           const rules::WorkCalendar& calendar, absl::TimeZone zone,
                           const store::Keys& keys, store::CaseMutation& m) {
  const absl::Time resolve_due = FromProto(o.resolve_due());
  v1::Span five_days;
  five_days.set_working_days(kEscalationWorkingDays);
  Add(o, ClockKind::kResolveReminder, AtEightyPercent(start, resolve_due), keys, m);
  Add(o, ClockKind::kResolveDue, resolve_due, keys, m);
  Add(o, ClockKind::kResolveEscalation, rules::AddSpan(resolve_due, five_days, zone, calendar),
      keys, m);
  AddDeadline(o.order_id(), "resolve", resolve_due, keys, m);
}

void CancelSignClocks(const std::string& order_id, const store::Keys& keys,
                      store::CaseMutation& m) {
  Remove(order_id, ClockKind::kSignReminder, keys, m);
  Remove(order_id, ClockKind::kSignDue, keys, m);
  RemoveDeadline(order_id, "sign_for", keys, m);
}

void CancelResolveClocks(const std::string& order_id, const store::Keys& keys,
                         store::CaseMutation& m) {
  Remove(order_id, ClockKind::kResolveReminder, keys, m);
  Remove(order_id, ClockKind::kResolveDue, keys, m);
  Remove(order_id, ClockKind::kResolveEscalation, keys, m);
  RemoveDeadline(order_id, "resolve", keys, m);
}

bool ClockApplies(ClockKind kind, v1::OrderStatus status) {
  switch (kind) {
    case ClockKind::kSignReminder:
    case ClockKind::kSignDue:
      return status == v1::ORDER_DISPATCHED;
    default:
      return status == v1::ORDER_DISPATCHED || status == v1::ORDER_SIGNED ||
             status == v1::ORDER_IN_PROGRESS;
  }
}

}  // namespace liandong::workflow
