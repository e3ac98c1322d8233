#pragma once

#include <atomic>
#include <memory>
#include <thread>

#include "absl/time/time.h"
#include "kpi/kpi_gauges.h"
#include "prometheus/registry.h"
#include "supervision_views.h"

namespace liandong::feedback {

// Publishes the policy §6 figures over the last `window` as Prometheus gauges, recomputed
// from ld:events every `interval`: liandong_feedback_kpi_ratio{kpi, direction} and
// liandong_feedback_kpi_total{what, direction}. direction="all" is the total.
// An interval of 0 exports nothing: where liandong-archiver runs, it exports the same figures
// from the record (liandong_archiver_kpi_*) and no replica needs to rescan ld:events.
class KpiExporter {
 public:
  KpiExporter(SupervisionViews& views, prometheus::Registry& registry, absl::Duration window,
              absl::Duration interval);
  ~KpiExporter() { Stop(); }

  void Start();
  void Stop();
  absl::Status RefreshOnce();

 private:
  SupervisionViews& views_;
  kpi::KpiGauges gauges_;
  absl::Duration window_, interval_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace liandong::feedback
