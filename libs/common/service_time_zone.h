#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace liandong {

// The one time zone of the suite: working-day edges, the date in case ids (LD<date>-…) and
// every displayed time. Never the process's TZ: containers run in UTC, the centre does not.
inline constexpr char kDefaultTimeZone[] = "Asia/Shanghai";

// Loads a zone from the system's tzdata; refuses a name it cannot find (absl would silently
// fall back to UTC, 8 hours off Beijing).
absl::StatusOr<absl::TimeZone> LoadServiceTimeZone(const std::string& name);

// The process-wide zone, set once at start (Asia/Shanghai until then, or UTC if tzdata is
// missing, which SetServiceTimeZone's callers refuse to start with).
absl::TimeZone ServiceTimeZone();
void SetServiceTimeZone(absl::TimeZone zone);

}  // namespace liandong
