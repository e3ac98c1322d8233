#include "rules/work_calendar.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text_proto.h"

namespace liandong::rules {

absl::Status WorkCalendar::Merge(const v1::WorkCalendar& proto, const std::string& source) {
  std::vector<std::string> problems;
  auto parse = [&](const std::string& field, const std::string& text, absl::CivilDay* day) {
    if (absl::ParseCivilTime(text, day)) return true;
    problems.push_back(absl::StrCat(source, field, ": '", text, "' is not YYYY-MM-DD"));
    return false;
  };
  absl::CivilDay first, last;
  const bool has_range = !proto.first_day().empty() || !proto.last_day().empty();
  bool range_ok = has_range && parse("first_day", proto.first_day(), &first) &&
                  parse("last_day", proto.last_day(), &last);
  if (range_ok && last < first) {
    problems.push_back(absl::StrCat(source, "last_day ", proto.last_day(), " is before first_day ",
                                    proto.first_day()));
    range_ok = false;
  }
  auto add = [&](const std::string& field, int i, const std::string& text,
                 absl::flat_hash_set<absl::CivilDay>& into) {
    absl::CivilDay day;
    if (!parse(absl::StrCat(field, "[", i, "]"), text, &day)) return;
    if (range_ok && (day < first || day > last)) {
      problems.push_back(absl::StrCat(source, field, "[", i, "]: ", text, " is outside ",
                                      proto.first_day(), "..", proto.last_day()));
    }
    into.insert(day);
  };
  for (int i = 0; i < proto.holidays_size(); ++i) add("holidays", i, proto.holidays(i), holidays_);
  for (int i = 0; i < proto.workdays_size(); ++i) add("workdays", i, proto.workdays(i), workdays_);
  for (const auto& day : workdays_) {
    if (holidays_.contains(day)) {
      problems.push_back(
          absl::StrCat(source, absl::FormatCivilTime(day), " is both a holiday and a workday"));
    }
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("calendar refused: ", absl::StrJoin(problems, "; ")));
  }
  const std::string name = proto.name().empty() ? source : proto.name();
  if (range_ok) {
    ranges_.emplace_back(first, last);
  } else {
    warnings_.push_back(absl::StrCat("calendar ", name,
                                     " names no first_day/last_day: every date counts as outside "
                                     "the calendar"));
  }
  if (!proto.provisional().empty()) {
    warnings_.push_back(absl::StrCat("calendar ", name, " is PROVISIONAL: ", proto.provisional()));
  }
  return absl::OkStatus();
}

absl::StatusOr<WorkCalendar> WorkCalendar::FromProto(const v1::WorkCalendar& proto) {
  WorkCalendar c;
  if (!proto.name().empty()) c.name_ = proto.name();
  if (absl::Status merged = c.Merge(proto, ""); !merged.ok()) return merged;
  return c;
}

absl::StatusOr<WorkCalendar> WorkCalendar::Load(const std::string& path) { return LoadAll({path}); }

absl::StatusOr<WorkCalendar> WorkCalendar::LoadAll(const std::vector<std::string>& paths) {
  WorkCalendar c;
  std::vector<std::string> names, problems;
  for (const auto& path : paths) {
    v1::WorkCalendar proto;
    absl::Status status = LoadTextProto(path, &proto);
    if (status.ok()) status = c.Merge(proto, absl::StrCat(path, ": "));
    if (!status.ok()) {
      problems.push_back(std::string(status.message()));
      continue;
    }
    names.push_back(proto.name().empty() ? path : proto.name());
  }
  if (!problems.empty()) {
    // Each file's message starts "calendar refused: "; say it once for the lot.
    constexpr absl::string_view kPrefix = "calendar refused: ";
    std::vector<std::string> reasons;
    for (const auto& p : problems) {
      reasons.push_back(absl::StartsWith(p, kPrefix) ? p.substr(kPrefix.size()) : p);
    }
    return absl::InvalidArgumentError(absl::StrCat(kPrefix, absl::StrJoin(reasons, "; ")));
  }
  if (!names.empty()) c.name_ = absl::StrJoin(names, "+");
  std::sort(c.ranges_.begin(), c.ranges_.end());
  return c;
}

bool WorkCalendar::Covers(absl::CivilDay day) const {
  for (const auto& [first, last] : ranges_) {
    if (first <= day && day <= last) return true;
  }
  return false;
}

bool WorkCalendar::LastCoveredDay(absl::CivilDay from, absl::CivilDay* last) const {
  if (!Covers(from)) return false;
  absl::CivilDay end = from;
  // Ranges are sorted: follow those that continue the covered span without a gap.
  for (const auto& [first, range_last] : ranges_) {
    if (first <= end + 1 && range_last > end) end = range_last;
  }
  *last = end;
  return true;
}

bool WorkCalendar::IsWorkday(absl::CivilDay day) const {
  if (out_of_range_ && !Covers(day)) out_of_range_(day);
  if (workdays_.contains(day)) return true;
  if (holidays_.contains(day)) return false;
  const absl::Weekday wd = absl::GetWeekday(day);
  return wd != absl::Weekday::saturday && wd != absl::Weekday::sunday;
}

}  // namespace liandong::rules
