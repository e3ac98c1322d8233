#pragma once

#include <string>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "liandong/v1/rules.pb.h"

namespace liandong::rules {

// Which days count as working days: Monday to Friday, minus listed holidays, plus listed
// make-up workdays (调休). Empty = plain weekdays.
class WorkCalendar {
 public:
  WorkCalendar() = default;
  static absl::StatusOr<WorkCalendar> FromProto(const v1::WorkCalendar& proto);
  // Loads a text-format calendar; every bad date is listed in the error.
  static absl::StatusOr<WorkCalendar> Load(const std::string& path);

  bool IsWorkday(absl::CivilDay day) const;
  const std::string& name() const { return name_; }

 private:
  std::string name_ = "weekdays";
  absl::flat_hash_set<absl::CivilDay> holidays_;
  absl::flat_hash_set<absl::CivilDay> workdays_;
};

}  // namespace liandong::rules
