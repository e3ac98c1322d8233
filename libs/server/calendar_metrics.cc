#include "server/calendar_metrics.h"

#include <iostream>
#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/synchronization/mutex.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"

namespace liandong::server {
namespace {

constexpr int kWarnDaysBeforeEnd = 60;

// Shared by every copy of the calendar (the dispatcher and closed loop hold copies).
struct OutOfRangeLog {
  std::string service;
  prometheus::Counter* counter = nullptr;
  absl::Mutex mu;
  absl::flat_hash_set<absl::CivilDay> logged ABSL_GUARDED_BY(mu);
};

}  // namespace

void WatchCalendar(rules::WorkCalendar& calendar, const std::string& service,
                   prometheus::Registry& registry, absl::TimeZone zone, absl::Time now) {
  const std::string prefix = "liandong_" + service;
  auto log = std::make_shared<OutOfRangeLog>();
  log->service = service;
  log->counter = &prometheus::BuildCounter()
                      .Name(prefix + "_calendar_out_of_range_total")
                      .Help(
                          "Working-day questions about a day the calendar does not cover "
                          "(answered as a plain weekday: holidays and 调休 unknown)")
                      .Register(registry)
                      .Add({});
  auto& end_gauge = prometheus::BuildGauge()
                        .Name(prefix + "_calendar_end_timestamp_seconds")
                        .Help(
                            "End of the last day the working-day calendar covers, from today "
                            "(0: today is not covered)")
                        .Register(registry)
                        .Add({});
  const std::string who = "liandong-" + service + ": WARNING: ";
  for (const auto& w : calendar.warnings()) std::cerr << who << w << std::endl;
  const absl::CivilDay today = absl::ToCivilDay(now, zone);
  absl::CivilDay last;
  if (calendar.LastCoveredDay(today, &last)) {
    end_gauge.Set(absl::ToDoubleSeconds(absl::FromCivil(last + 1, zone) - absl::UnixEpoch()));
    if (last - today < kWarnDaysBeforeEnd) {
      std::cerr << who << "calendar " << calendar.name() << " ends on "
                << absl::FormatCivilTime(last) << ", in " << (last - today)
                << " days: add next year's file to --calendar" << std::endl;
    }
  } else {
    std::cerr << who << "calendar " << calendar.name() << " does not cover today ("
              << absl::FormatCivilTime(today)
              << "): working-day deadlines ignore holidays and 调休 (--calendar)" << std::endl;
  }
  calendar.set_out_of_range_observer([log](absl::CivilDay day) {
    log->counter->Increment();
    absl::MutexLock lock(&log->mu);
    if (log->logged.size() < 1000 && log->logged.insert(day).second) {
      std::cerr << "liandong-" << log->service << ": WARNING: " << absl::FormatCivilTime(day)
                << " is outside the working-day calendar; counted as a plain "
                << (absl::GetWeekday(day) == absl::Weekday::saturday ||
                            absl::GetWeekday(day) == absl::Weekday::sunday
                        ? "weekend day"
                        : "weekday")
                << std::endl;
    }
  });
}

}  // namespace liandong::server
