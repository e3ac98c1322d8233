#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/time/civil_time.h"
#include "liandong/v1/rules.pb.h"

namespace liandong::rules {

// Which days count as working days: Monday to Friday, minus listed holidays, plus listed
// make-up workdays (调休). Each file covers [first_day, last_day]; a day outside every range is
// still answered as a plain weekday, but the out-of-range observer hears of it (a deadline
// counted past the calendar's end may be wrong by a holiday). Empty = plain weekdays, no range.
class WorkCalendar {
 public:
  using OutOfRangeObserver = std::function<void(absl::CivilDay)>;

  WorkCalendar() = default;
  static absl::StatusOr<WorkCalendar> FromProto(const v1::WorkCalendar& proto);
  // Loads a text-format calendar; every bad date is listed in the error.
  static absl::StatusOr<WorkCalendar> Load(const std::string& path);
  // Several files (one a year, say) merged into one calendar; every problem of every file listed.
  static absl::StatusOr<WorkCalendar> LoadAll(const std::vector<std::string>& paths);

  bool IsWorkday(absl::CivilDay day) const;
  // Whether some loaded file's [first_day, last_day] holds `day`.
  bool Covers(absl::CivilDay day) const;
  // The last day of the contiguous covered span holding `from`; false when no range holds it.
  bool LastCoveredDay(absl::CivilDay from, absl::CivilDay* last) const;
  const std::string& name() const { return name_; }
  // What an operator must know at start: provisional files, files without a range.
  const std::vector<std::string>& warnings() const { return warnings_; }
  void set_out_of_range_observer(OutOfRangeObserver observer) {
    out_of_range_ = std::move(observer);
  }

 private:
  absl::Status Merge(const v1::WorkCalendar& proto, const std::string& source);

  std::string name_ = "weekdays";
  absl::flat_hash_set<absl::CivilDay> holidays_;
  absl::flat_hash_set<absl::CivilDay> workdays_;
  std::vector<std::pair<absl::CivilDay, absl::CivilDay>> ranges_;
  std::vector<std::string> warnings_;
  OutOfRangeObserver out_of_range_;
};

}  // namespace liandong::rules
