#pragma once

#include <string>

#include "liandong/v1/feedback.pb.h"
#include "prometheus/gauge.h"
#include "prometheus/registry.h"

namespace liandong::kpi {

// The policy §6 figures as Prometheus gauges: <prefix>_kpi_ratio{kpi, direction} and
// <prefix>_kpi_total{what, direction}; direction="all" is the total. Published by whichever
// process computes them (feedback from ld:events, or the archiver from the record).
class KpiGauges {
 public:
  KpiGauges(prometheus::Registry& registry, const std::string& prefix, const std::string& source);
  // A report grouped by direction.
  void Publish(const v1::KpiReport& report);

 private:
  void PublishRow(const v1::KpiRow& row, const std::string& direction);
  prometheus::Family<prometheus::Gauge>& ratios_;
  prometheus::Family<prometheus::Gauge>& totals_;
};

}  // namespace liandong::kpi
