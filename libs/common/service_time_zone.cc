#include "common/service_time_zone.h"

#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"

namespace liandong {
namespace {

absl::Mutex zone_mu;

absl::TimeZone& Zone() ABSL_EXCLUSIVE_LOCKS_REQUIRED(zone_mu) {
  static absl::TimeZone* zone = [] {
    auto* z = new absl::TimeZone(absl::UTCTimeZone());
    absl::LoadTimeZone(kDefaultTimeZone, z);
    return z;
  }();
  return *zone;
}

}  // namespace

absl::StatusOr<absl::TimeZone> LoadServiceTimeZone(const std::string& name) {
  absl::TimeZone zone;
  if (name.empty() || !absl::LoadTimeZone(name, &zone)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "time_zone: '", name, "' is not a known zone (is tzdata installed? e.g. Asia/Shanghai)"));
  }
  return zone;
}

absl::TimeZone ServiceTimeZone() {
  absl::MutexLock lock(&zone_mu);
  return Zone();
}

void SetServiceTimeZone(absl::TimeZone zone) {
  absl::MutexLock lock(&zone_mu);
  Zone() = zone;
}

}  // namespace liandong
