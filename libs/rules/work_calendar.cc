#include "rules/work_calendar.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text_proto.h"

namespace liandong::rules {

absl::StatusOr<WorkCalendar> WorkCalendar::FromProto(const v1::WorkCalendar& proto) {
  WorkCalendar c;
  if (!proto.name().empty()) c.name_ = proto.name();
  std::vector<std::string> problems;
  auto add = [&problems](const std::string& field, int i, const std::string& text,
                         absl::flat_hash_set<absl::CivilDay>& into) {
    absl::CivilDay day;
    if (!absl::ParseCivilTime(text, &day)) {
      problems.push_back(absl::StrCat(field, "[", i, "]: '", text, "' is not YYYY-MM-DD"));
      return;
    }
    into.insert(day);
  };
  for (int i = 0; i < proto.holidays_size(); ++i)
    add("holidays", i, proto.holidays(i), c.holidays_);
  for (int i = 0; i < proto.workdays_size(); ++i)
    add("workdays", i, proto.workdays(i), c.workdays_);
  for (const auto& day : c.workdays_) {
    if (c.holidays_.contains(day)) {
      problems.push_back(
          absl::StrCat(absl::FormatCivilTime(day), " is both a holiday and a workday"));
    }
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar refused: ", absl::StrJoin(problems, "; ")));
  }
  return c;
}

absl::StatusOr<WorkCalendar> WorkCalendar::Load(const std::string& path) {
  v1::WorkCalendar proto;
  absl::Status loaded = LoadTextProto(path, &proto);
  if (!loaded.ok()) {
    return absl::Status(loaded.code(), absl::StrCat("calendar refused: ", loaded.message()));
  }
  return FromProto(proto);
}

bool WorkCalendar::IsWorkday(absl::CivilDay day) const {
  if (workdays_.contains(day)) return true;
  if (holidays_.contains(day)) return false;
  const absl::Weekday wd = absl::GetWeekday(day);
  return wd != absl::Weekday::saturday && wd != absl::Weekday::sunday;
}

}  // namespace liandong::rules
