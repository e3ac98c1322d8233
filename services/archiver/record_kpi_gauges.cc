#include "record_kpi_gauges.h"

#include <iostream>

#include "common/status_macros.h"
#include "common/time_util.h"
#include "record_kpis.h"

namespace liandong::archiver {

RecordKpiGauges::RecordKpiGauges(record::PgPool& pool, prometheus::Registry& registry,
                                 absl::Duration window, absl::Duration interval)
    : pool_(pool),
      gauges_(registry, "liandong_archiver", "the record (PostgreSQL)"),
      updated_(prometheus::BuildGauge()
                   .Name("liandong_archiver_kpi_updated_timestamp_seconds")
                   .Help("when the KPI gauges were last computed from the record")
                   .Register(registry)
                   .Add({})),
      window_(window),
      interval_(interval) {}

absl::Status RecordKpiGauges::RefreshOnce() {
  v1::GetKpisRequest req;
  const absl::Time now = absl::Now();
  *req.mutable_from() = ToProto(now - window_);
  *req.mutable_to() = ToProto(now);
  req.set_group_by("direction");
  LD_ASSIGN_OR_RETURN(v1::KpiReport report, KpisFromRecord(pool_, req));
  gauges_.Publish(report);
  updated_.Set(absl::ToDoubleSeconds(now - absl::UnixEpoch()));
  return absl::OkStatus();
}

void RecordKpiGauges::Start() {
  if (interval_ <= absl::ZeroDuration()) return;
  thread_ = std::thread([this] {
    while (!stop_) {
      if (absl::Status s = RefreshOnce(); !s.ok())
        std::cerr << "archiver: kpi gauges: " << s << std::endl;
      const absl::Time until = absl::Now() + interval_;
      while (!stop_ && absl::Now() < until) absl::SleepFor(absl::Milliseconds(50));
    }
  });
}

void RecordKpiGauges::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace liandong::archiver
