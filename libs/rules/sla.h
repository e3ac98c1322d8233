#pragma once

#include "absl/time/time.h"
#include "liandong/v1/rules.pb.h"
#include "rules/work_calendar.h"

namespace liandong::rules {

// When a span that starts at `start` ends. Minutes count around the clock; working days are
// counted on `calendar` in `zone` (the deadline keeps the start's time of day).
absl::Time AddSpan(absl::Time start, const v1::Span& span, absl::TimeZone zone,
                   const WorkCalendar& calendar);

}  // namespace liandong::rules
