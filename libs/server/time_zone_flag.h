#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace liandong::server {

// --time_zone, else LIANDONG_TIME_ZONE, else Asia/Shanghai: loaded from tzdata and made the
// process-wide ServiceTimeZone(). An unknown zone (or missing tzdata) is an error: a service
// must refuse to start rather than run 8 hours off.
absl::StatusOr<absl::TimeZone> TimeZoneFromFlags();

}  // namespace liandong::server
