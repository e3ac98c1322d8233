#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "rules/rule_index.h"
#include "rules/work_calendar.h"

namespace liandong::workflow {

// The work orders a confirmed triage calls for (policy §2), with destination, SLA tier and
// deadlines from the rule table. Orders the case already has open to the same destination
// are not planned again (a re-routed case keeps what still stands).
// Working-day deadlines are counted on `calendar` in `zone`.
absl::StatusOr<std::vector<v1::WorkOrder>> PlanOrders(const v1::Case& c,
                                                      const rules::RuleIndex& rules,
                                                      const rules::WorkCalendar& calendar,
                                                      absl::TimeZone zone, absl::Time now);

}  // namespace liandong::workflow
