#include "rules/sla.h"

namespace liandong::rules {

absl::Time AddSpan(absl::Time start, const v1::Span& span, absl::TimeZone zone,
                   const WorkCalendar& calendar) {
  if (span.seconds() > 0) return start + absl::Seconds(span.seconds());
  if (span.minutes() > 0) return start + absl::Minutes(span.minutes());
  const absl::TimeZone::CivilInfo local = zone.At(start);
  absl::CivilDay day(local.cs);
  int remaining = span.working_days();
  while (remaining > 0) {
    ++day;
    if (calendar.IsWorkday(day)) --remaining;
  }
  const absl::CivilSecond at(day.year(), day.month(), day.day(), local.cs.hour(), local.cs.minute(),
                             local.cs.second());
  return absl::FromCivil(at, zone);
}

}  // namespace liandong::rules
