#pragma once

#include <string>

#include "absl/time/time.h"
#include "prometheus/registry.h"
#include "rules/work_calendar.h"

namespace liandong::server {

// Makes the calendar's edges loud. At start: its warnings (provisional files, no range) and
// whether today is covered, on stderr. While running: every working-day question about a day
// outside the calendar logs one line per distinct day and counts in
// liandong_<service>_calendar_out_of_range_total; liandong_<service>_calendar_end_timestamp_seconds
// is when the covered span holding the start day ends (0: not covered), for the alert.
void WatchCalendar(rules::WorkCalendar& calendar, const std::string& service,
                   prometheus::Registry& registry, absl::TimeZone zone, absl::Time now);

}  // namespace liandong::server
