#pragma once

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "rules/rule_index.h"
#include "rules/work_calendar.h"
#include "store/case_store.h"
#include "store/stream_groups.h"

namespace liandong::workflow {

// What writing orders needs besides the case: the table, the working-day calendar and zone.
struct OrderContext {
  const rules::RuleIndex& rules;
  const rules::WorkCalendar& calendar;
  absl::TimeZone zone;
  const store::Keys& keys;
  store::StreamGroups& groups;  // each destination stream has its consumer group before XADD
};

// The fields of an order's stream entry (and of its dead-letter copy).
store::Fields OrderStreamFields(const v1::WorkOrder& o);

// Turns a CONFIRMED case into DISPATCHED inside the caller's commit: plans its orders, appends
// each to its destination's stream, starts its SLA clocks and records the events. Because this
// runs in the same commit as the decision, a confirmed case is never left without its orders.
absl::Status DispatchConfirmed(v1::Case& c, store::CaseMutation& m, const OrderContext& ctx,
                               absl::Time now);

}  // namespace liandong::workflow
