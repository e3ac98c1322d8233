#pragma once

#include "absl/time/time.h"
#include "liandong/v1/rules.pb.h"

namespace liandong::rules {

// When a span that starts at `start` ends. Minutes count around the clock; working days
// skip Saturdays and Sundays in `zone` (the holiday calendar comes with the SLA clocks).
absl::Time AddSpan(absl::Time start, const v1::Span& span, absl::TimeZone zone);

}  // namespace liandong::rules
