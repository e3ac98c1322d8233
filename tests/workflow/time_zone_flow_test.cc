// Time through the real services in a process whose TZ is UTC (as in a container): case ids
// carry the Beijing date, working-day deadlines are counted in Beijing on the shipped
// calendars, and a calendar that does not cover the day is loud in the log and in /metrics.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <ctime>
#include <fstream>

#include "common/service_time_zone.h"
#include "common/time_util.h"
#include "flow_helpers.h"
#include "http_get.h"
#include "rules/sla.h"
#include "store/case_store.h"
#include "temp_dir.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

struct UtcProcess {
  UtcProcess() {
    setenv("TZ", "UTC", 1);  // children (the services) inherit it
    unsetenv("LIANDONG_TIME_ZONE");
    tzset();
  }
};
const UtcProcess kUtc;

absl::TimeZone Shanghai() {
  auto zone = liandong::LoadServiceTimeZone("Asia/Shanghai");
  REQUIRE(zone.ok());
  return *zone;
}

const std::string kCalendars =
    LIANDONG_CALENDAR_DIR "/cn-2026.textproto," LIANDONG_CALENDAR_DIR "/cn-2027.textproto";

int MetricsPort(Suite& s, const std::string& service) {
  const std::string log = s.process(service).Log();
  const size_t at = log.find("(metrics port ");
  REQUIRE(at != std::string::npos);
  return std::atoi(log.c_str() + at + 14);
}

}  // namespace

TEST_CASE("a case created at 23:30 UTC gets the next Beijing date in its id") {
  RedisServer redis;
  auto options = liandong::store::ParseRedisAddress(redis.address());
  REQUIRE(options.ok());
  liandong::store::CaseStore store(std::make_shared<liandong::store::RedisClient>(*options),
                                   liandong::store::Keys("ld:"));
  const absl::Time late_evening_utc =
      absl::FromCivil(absl::CivilSecond(2026, 12, 31, 23, 30, 0), absl::UTCTimeZone());
  auto id = store.NewCaseId(late_evening_utc);
  REQUIRE(id.ok());
  CHECK(*id == "LD20270101-000001");  // 07:30 on New Year's Day in Beijing
  auto next = store.NewCaseId(late_evening_utc + absl::Minutes(1));
  REQUIRE(next.ok());
  CHECK(*next == "LD20270101-000002");
}

TEST_CASE("services in a UTC process date case ids and count working days in Beijing") {
  SuiteOptions options;
  // Intake writes orders (and their deadlines) with the decision; feedback fires the clocks.
  options.flags = {{"intake", {"--calendar", kCalendars}},
                   {"dispatch", {"--calendar", kCalendars}},
                   {"feedback", {"--calendar", kCalendars}}};
  Suite s(options);
  auto submitted = Submit(s, v1::SIDE_110, "楼下有人占道摆摊卖水果，人行道都走不了");
  const absl::Time received = liandong::FromProto(submitted.received_at());
  CHECK(submitted.case_id().substr(0, 10) ==
        "LD" + absl::FormatTime("%Y%m%d", received, Shanghai()));
  auto c = ConfirmItem(s, submitted, "street_vending");  // T3: sign-for in 1 working day
  REQUIRE(c.orders_size() == 1);
  const v1::WorkOrder& o = c.orders(0);
  REQUIRE(o.sla_tier() == "T3");
  auto calendar = liandong::rules::WorkCalendar::LoadAll(
      {LIANDONG_CALENDAR_DIR "/cn-2026.textproto", LIANDONG_CALENDAR_DIR "/cn-2027.textproto"});
  REQUIRE(calendar.ok());
  liandong::v1::Span one_day;
  one_day.set_working_days(1);
  const absl::Time created = liandong::FromProto(o.created_at());
  const absl::Time expected = liandong::rules::AddSpan(created, one_day, Shanghai(), *calendar);
  CHECK(liandong::FromProto(o.sign_due()) == expected);
  // The deadline keeps the Beijing time of day of the dispatch, on a Beijing working day.
  const auto due_local = Shanghai().At(liandong::FromProto(o.sign_due())).cs;
  CHECK(calendar->IsWorkday(absl::CivilDay(due_local)));
  CHECK(due_local.hour() == Shanghai().At(created).cs.hour());
  // The shipped calendars cover today: nothing counted outside them.
  const std::string metrics = HttpGet(MetricsPort(s, "intake"), "/metrics");
  CHECK(metrics.find("liandong_intake_calendar_out_of_range_total 0") != std::string::npos);
  CHECK(s.process("intake").Log().find("PROVISIONAL") != std::string::npos);  // cn-2027
}

TEST_CASE("a calendar that does not cover the day is a loud warning and a metric") {
  TempDir dir;
  const std::string old_calendar = dir.File("cn-2020.textproto");
  std::ofstream(old_calendar) << "name: \"cn-2020\" first_day: \"2020-01-01\" "
                                 "last_day: \"2020-12-31\" holidays: \"2020-10-01\"\n";
  SuiteOptions options;
  options.flags = {{"intake", {"--calendar", old_calendar}}};
  Suite s(options);
  auto c =
      ConfirmItem(s, Submit(s, v1::SIDE_12345, "小区门口有人占道经营，天天摆摊"), "street_vending");
  REQUIRE(c.orders_size() == 1);
  const std::string log = s.process("intake").Log();
  CHECK(log.find("WARNING: calendar cn-2020 does not cover today") != std::string::npos);
  CHECK(log.find("is outside the working-day calendar") != std::string::npos);
  const std::string metrics = HttpGet(MetricsPort(s, "intake"), "/metrics");
  CHECK(metrics.find("liandong_intake_calendar_out_of_range_total 0") == std::string::npos);
  CHECK(metrics.find("liandong_intake_calendar_out_of_range_total") != std::string::npos);
  CHECK(metrics.find("liandong_intake_calendar_end_timestamp_seconds 0") != std::string::npos);
}
