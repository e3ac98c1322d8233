#include "rules/sla.h"

namespace liandong::rules {

absl::Time AddSpan(absl::Time start, const v1::Span& span, absl::TimeZone zone) {
  if (span.minutes() > 0) return start + absl::Minutes(span.minutes());
  absl::Time t = start;
  int remaining = span.working_days();
  while (remaining > 0) {
    t += absl::Hours(24);
    const absl::Weekday day = absl::GetWeekday(absl::ToCivilDay(t, zone));
    if (day != absl::Weekday::saturday && day != absl::Weekday::sunday) --remaining;
  }
  return t;
}

}  // namespace liandong::rules
