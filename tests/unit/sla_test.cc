#include "rules/sla.h"

#include <catch2/catch.hpp>

#include "rules/work_calendar.h"
#include "workflow/sla_clocks.h"

namespace v1 = liandong::v1;
using liandong::rules::AddSpan;
using liandong::rules::WorkCalendar;

namespace {

absl::Time Local(int y, int m, int d, int hh, int mm) {
  return absl::FromCivil(absl::CivilSecond(y, m, d, hh, mm, 0), absl::UTCTimeZone());
}

v1::Span Days(int n) {
  v1::Span s;
  s.set_working_days(n);
  return s;
}

}  // namespace

TEST_CASE("working days skip weekends and keep the time of day") {
  WorkCalendar weekdays;
  // Friday 2026-11-20 10:30 + 3 working days = Wednesday 2026-11-25 10:30.
  CHECK(AddSpan(Local(2026, 11, 20, 10, 30), Days(3), absl::UTCTimeZone(), weekdays) ==
        Local(2026, 11, 25, 10, 30));
  v1::Span minutes;
  minutes.set_minutes(30);
  CHECK(AddSpan(Local(2026, 11, 21, 23, 50), minutes, absl::UTCTimeZone(), weekdays) ==
        Local(2026, 11, 22, 0, 20));  // minutes run around the clock, weekend or not
}

TEST_CASE("holidays are skipped and make-up workdays count") {
  v1::WorkCalendar proto;
  proto.add_holidays("2026-10-01");
  proto.add_holidays("2026-10-02");
  proto.add_workdays("2026-10-10");  // a Saturday worked in exchange
  auto calendar = WorkCalendar::FromProto(proto);
  REQUIRE(calendar.ok());
  CHECK_FALSE(calendar->IsWorkday(absl::CivilDay(2026, 10, 1)));
  CHECK(calendar->IsWorkday(absl::CivilDay(2026, 10, 10)));
  // Wednesday 2026-09-30 + 1 working day skips the Thursday and Friday holidays and the weekend.
  CHECK(AddSpan(Local(2026, 9, 30, 9, 0), Days(1), absl::UTCTimeZone(), *calendar) ==
        Local(2026, 10, 5, 9, 0));
  // Friday 2026-10-09 + 1 working day is the make-up Saturday.
  CHECK(AddSpan(Local(2026, 10, 9, 9, 0), Days(1), absl::UTCTimeZone(), *calendar) ==
        Local(2026, 10, 10, 9, 0));
}

TEST_CASE("a calendar with bad dates is refused, every problem named") {
  v1::WorkCalendar proto;
  proto.add_holidays("2026-13-01");
  proto.add_workdays("someday");
  auto calendar = WorkCalendar::FromProto(proto);
  REQUIRE_FALSE(calendar.ok());
  const std::string msg(calendar.status().message());
  CHECK(msg.find("holidays[0]: '2026-13-01'") != std::string::npos);
  CHECK(msg.find("workdays[0]: 'someday'") != std::string::npos);
}

TEST_CASE("the shipped calendar loads") {
  auto calendar =
      WorkCalendar::Load(std::string(LIANDONG_SOURCE_DIR) + "/deploy/calendar/cn-2026.textproto");
  REQUIRE(calendar.ok());
  CHECK(calendar->name() == "cn-2026");
  CHECK_FALSE(calendar->IsWorkday(absl::CivilDay(2026, 10, 1)));
}

TEST_CASE("clock members round-trip and apply only while the order owes that step") {
  using liandong::workflow::ClockKind;
  const std::string member = liandong::workflow::ClockMember("LD1-O2", ClockKind::kSignDue);
  auto clock = liandong::workflow::ParseClockMember(member);
  REQUIRE(clock.ok());
  CHECK(clock->order_id == "LD1-O2");
  CHECK(clock->kind == ClockKind::kSignDue);
  CHECK_FALSE(liandong::workflow::ParseClockMember("LD1-O2|nonsense").ok());
  CHECK(liandong::workflow::ClockApplies(ClockKind::kSignDue, v1::ORDER_DISPATCHED));
  CHECK_FALSE(liandong::workflow::ClockApplies(ClockKind::kSignDue, v1::ORDER_SIGNED));
  CHECK(liandong::workflow::ClockApplies(ClockKind::kResolveDue, v1::ORDER_IN_PROGRESS));
  CHECK_FALSE(liandong::workflow::ClockApplies(ClockKind::kResolveDue, v1::ORDER_RESOLVED));
}
