#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "rules/work_calendar.h"
#include "store/case_store.h"

namespace liandong::workflow {

// The deadlines of one order, kept in one sorted set (score = when, ms) so they survive
// restarts and any replica can fire them. A clock is fired by claiming its member in the same
// commit that records the event, so it fires exactly once however many replicas race.
enum class ClockKind { kSignReminder, kSignDue, kResolveReminder, kResolveDue, kResolveEscalation };

struct Clock {
  std::string order_id;
  ClockKind kind;
};

std::string ClockMember(const std::string& order_id, ClockKind kind);
absl::StatusOr<Clock> ParseClockMember(const std::string& member);
const char* ClockEventType(ClockKind kind);  // "reminder", "supervision", "escalated"

// Reminders at 80 % of each deadline, supervision at the deadline, a second-level escalation
// five working days after an unmet resolve deadline (policy §5).
void ScheduleClocks(const v1::WorkOrder& order, const rules::WorkCalendar& calendar,
                    absl::TimeZone zone, const store::Keys& keys, store::CaseMutation& m);
// Only the resolve clocks, counted from `start` (an extension or a reopened order).
void ScheduleResolveClocks(const v1::WorkOrder& order, absl::Time start,
                           const rules::WorkCalendar& calendar, absl::TimeZone zone,
                           const store::Keys& keys, store::CaseMutation& m);
void CancelSignClocks(const std::string& order_id, const store::Keys& keys, store::CaseMutation& m);
void CancelResolveClocks(const std::string& order_id, const store::Keys& keys,
                         store::CaseMutation& m);

// Whether the clock still means something for the order in its current state.
bool ClockApplies(ClockKind kind, v1::OrderStatus status);

}  // namespace liandong::workflow
