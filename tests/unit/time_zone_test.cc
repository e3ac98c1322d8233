// One time zone for the suite, whatever TZ the process has: working-day deadlines in
// Asia/Shanghai from a UTC process, the shipped 2026 and 2027 calendars, and days outside them
// counted loudly.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>

#include "common/service_time_zone.h"
#include "prometheus/registry.h"
#include "prometheus/text_serializer.h"
#include "rules/sla.h"
#include "rules/work_calendar.h"
#include "server/calendar_metrics.h"

using liandong::rules::AddSpan;
using liandong::rules::WorkCalendar;

namespace {

// The process runs in UTC, as containers do.
struct UtcProcess {
  UtcProcess() {
    setenv("TZ", "UTC", 1);
    tzset();
  }
};
const UtcProcess kUtc;

absl::TimeZone Shanghai() {
  auto zone = liandong::LoadServiceTimeZone("Asia/Shanghai");
  REQUIRE(zone.ok());
  return *zone;
}

WorkCalendar Shipped() {
  auto calendar = WorkCalendar::LoadAll(
      {LIANDONG_CALENDAR_DIR "/cn-2026.textproto", LIANDONG_CALENDAR_DIR "/cn-2027.textproto"});
  INFO(calendar.status().message());
  REQUIRE(calendar.ok());
  return *std::move(calendar);
}

liandong::v1::Span WorkingDays(int n) {
  liandong::v1::Span span;
  span.set_working_days(n);
  return span;
}

absl::Time Utc(int y, int m, int d, int h, int min = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), absl::UTCTimeZone());
}

absl::Time Beijing(int y, int m, int d, int h, int min = 0) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, h, min, 0), Shanghai());
}

}  // namespace

TEST_CASE("the service time zone loads from tzdata and refuses an unknown name") {
  CHECK(absl::LocalTimeZone().name() == "UTC");
  CHECK(Shanghai().name() == "Asia/Shanghai");
  CHECK(liandong::ServiceTimeZone().name() == liandong::kDefaultTimeZone);
  auto bad = liandong::LoadServiceTimeZone("Asia/Atlantis");
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(liandong::LoadServiceTimeZone("").status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("a deadline across a weekend and a holiday is counted in Beijing from a UTC process") {
  const WorkCalendar calendar = Shipped();
  // Friday 2026-10-09 17:00 UTC is Saturday 10-10 01:00 in Beijing, a make-up workday (调休):
  // one working day later is Monday 10-12 01:00 Beijing. Counted in UTC it would be Saturday.
  const absl::Time start = Utc(2026, 10, 9, 17);
  CHECK(AddSpan(start, WorkingDays(1), Shanghai(), calendar) == Beijing(2026, 10, 12, 1));
  CHECK(AddSpan(start, WorkingDays(1), absl::UTCTimeZone(), calendar) == Utc(2026, 10, 10, 17));
  // 2026-09-30 20:00 UTC is 国庆 10-01 04:00 in Beijing: the holiday week is skipped.
  CHECK(AddSpan(Utc(2026, 9, 30, 20), WorkingDays(1), Shanghai(), calendar) ==
        Beijing(2026, 10, 8, 4));
  // T3 resolve, 7 working days from Friday 2026-09-18 10:00 Beijing: 9-20 (Sunday) is worked,
  // 9-25..27 中秋 and 10-01..07 国庆 are not: 9-20, 21, 22, 23, 24, 28, 29.
  CHECK(AddSpan(Beijing(2026, 9, 18, 10), WorkingDays(7), Shanghai(), calendar) ==
        Beijing(2026, 9, 29, 10));
  // 2027 (provisional file): 除夕 Friday 02-05 to 初三 Monday 02-08 are off.
  CHECK(AddSpan(Utc(2027, 2, 4, 18), WorkingDays(1), Shanghai(), calendar) ==
        Beijing(2027, 2, 9, 2));
}

TEST_CASE("the shipped calendars cover 2026 and 2027 and 2027 is marked provisional") {
  const WorkCalendar calendar = Shipped();
  CHECK(calendar.name() == "cn-2026+cn-2027");
  CHECK(calendar.Covers(absl::CivilDay(2026, 1, 1)));
  CHECK(calendar.Covers(absl::CivilDay(2027, 12, 31)));
  CHECK_FALSE(calendar.Covers(absl::CivilDay(2025, 12, 31)));
  CHECK_FALSE(calendar.Covers(absl::CivilDay(2028, 1, 1)));
  absl::CivilDay last;
  REQUIRE(calendar.LastCoveredDay(absl::CivilDay(2026, 3, 1), &last));
  CHECK(last == absl::CivilDay(2027, 12, 31));
  REQUIRE(calendar.warnings().size() == 1);
  CHECK(calendar.warnings()[0].find("cn-2027 is PROVISIONAL") != std::string::npos);
  CHECK_FALSE(calendar.IsWorkday(absl::CivilDay(2026, 10, 1)));
  CHECK(calendar.IsWorkday(absl::CivilDay(2026, 10, 10)));
}

TEST_CASE("a calendar file with a date outside its own range is refused") {
  liandong::v1::WorkCalendar proto;
  proto.set_first_day("2026-01-01");
  proto.set_last_day("2026-12-31");
  proto.add_holidays("2027-01-01");
  auto refused = WorkCalendar::FromProto(proto);
  REQUIRE_FALSE(refused.ok());
  CHECK(std::string(refused.status().message()).find("outside 2026-01-01..2026-12-31") !=
        std::string::npos);
}

TEST_CASE("a working day counted past the calendar's end is a warning and a metric") {
  WorkCalendar calendar = Shipped();
  prometheus::Registry registry;
  liandong::server::WatchCalendar(calendar, "feedback", registry, Shanghai(),
                                  Beijing(2027, 12, 20, 9));
  auto metrics = [&registry] { return prometheus::TextSerializer().Serialize(registry.Collect()); };
  // The calendar ends 2028-01-01 00:00 Beijing = 2027-12-31 16:00 UTC.
  CHECK(metrics().find("liandong_feedback_calendar_end_timestamp_seconds " +
                       std::to_string(absl::ToUnixSeconds(Utc(2027, 12, 31, 16)))) !=
        std::string::npos);
  CHECK(metrics().find("liandong_feedback_calendar_out_of_range_total 0") != std::string::npos);
  // Inside the calendar: nothing counted.
  AddSpan(Beijing(2027, 12, 20, 9), WorkingDays(3), Shanghai(), calendar);
  CHECK(metrics().find("liandong_feedback_calendar_out_of_range_total 0") != std::string::npos);
  // 7 working days from 2027-12-28 run into 2028: each day looked at out there is counted.
  const absl::Time due = AddSpan(Beijing(2027, 12, 28, 9), WorkingDays(7), Shanghai(), calendar);
  CHECK(due == Beijing(2028, 1, 6, 9));  // plain weekdays: 12-29..31, 1-3, 4, 5, 6
  CHECK(metrics().find("liandong_feedback_calendar_out_of_range_total 0") == std::string::npos);
  CHECK(metrics().find("liandong_feedback_calendar_out_of_range_total 6") != std::string::npos);
}

TEST_CASE("no calendar at all: every day counts as outside, and today's gauge is 0") {
  WorkCalendar none;
  prometheus::Registry registry;
  liandong::server::WatchCalendar(none, "dispatch", registry, Shanghai(), absl::Now());
  none.IsWorkday(absl::CivilDay(2026, 5, 6));
  const std::string text = prometheus::TextSerializer().Serialize(registry.Collect());
  CHECK(text.find("liandong_dispatch_calendar_end_timestamp_seconds 0") != std::string::npos);
  CHECK(text.find("liandong_dispatch_calendar_out_of_range_total 1") != std::string::npos);
}
