#include "server/time_zone_flag.h"

#include <cstdlib>
#include <string>

#include "absl/flags/flag.h"
#include "common/service_time_zone.h"

ABSL_FLAG(std::string, time_zone, "",
          "IANA time zone of working days, case-id dates and displayed times "
          "(default: env LIANDONG_TIME_ZONE, else Asia/Shanghai)");

namespace liandong::server {

absl::StatusOr<absl::TimeZone> TimeZoneFromFlags() {
  std::string name = absl::GetFlag(FLAGS_time_zone);
  if (const char* env = std::getenv("LIANDONG_TIME_ZONE"); name.empty() && env && *env) name = env;
  if (name.empty()) name = kDefaultTimeZone;
  auto zone = LoadServiceTimeZone(name);
  if (zone.ok()) SetServiceTimeZone(*zone);
  return zone;
}

}  // namespace liandong::server
