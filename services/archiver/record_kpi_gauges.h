#pragma once

#include <atomic>
#include <thread>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "kpi/kpi_gauges.h"
#include "prometheus/gauge.h"
#include "record/pg_client.h"

namespace liandong::archiver {

// The KPI gauges computed from the record (liandong_archiver_kpi_ratio / _total, by direction,
// over the last `window`, every `interval`): one process reading PostgreSQL instead of every
// feedback replica rescanning ld:events in Redis. Gauges keep their last value while the record
// is unreachable; liandong_archiver_kpi_updated_timestamp_seconds says when they were computed.
class RecordKpiGauges {
 public:
  RecordKpiGauges(record::PgPool& pool, prometheus::Registry& registry, absl::Duration window,
                  absl::Duration interval);
  ~RecordKpiGauges() { Stop(); }

  void Start();  // no-op when interval is 0
  void Stop();
  absl::Status RefreshOnce();

 private:
  record::PgPool& pool_;
  kpi::KpiGauges gauges_;
  prometheus::Gauge& updated_;
  absl::Duration window_, interval_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace liandong::archiver
