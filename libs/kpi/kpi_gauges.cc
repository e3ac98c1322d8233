#include "kpi/kpi_gauges.h"

namespace liandong::kpi {

KpiGauges::KpiGauges(prometheus::Registry& registry, const std::string& prefix,
                     const std::string& source)
    : ratios_(prometheus::BuildGauge()
                  .Name(prefix + "_kpi_ratio")
                  .Help("Policy §6 rates over the KPI window (0..1), from " + source)
                  .Register(registry)),
      totals_(prometheus::BuildGauge()
                  .Name(prefix + "_kpi_total")
                  .Help("Counts behind the KPIs over the KPI window, from " + source)
                  .Register(registry)) {}

void KpiGauges::Publish(const v1::KpiReport& report) {
  PublishRow(report.total(), "all");
  for (const auto& row : report.rows()) PublishRow(row, row.group());
}

void KpiGauges::PublishRow(const v1::KpiRow& row, const std::string& direction) {
  const std::pair<const char*, double> rates[] = {
      {"on_time_sign_rate", row.on_time_sign_rate()},
      {"response_rate", row.response_rate()},
      {"on_time_resolve_rate", row.on_time_resolve_rate()},
      {"satisfaction_rate", row.satisfaction_rate()},
      {"redo_rate", row.redo_rate()},
      {"direct_answer_rate", row.direct_answer_rate()}};
  for (const auto& [name, value] : rates) {
    ratios_.Add({{"kpi", name}, {"direction", direction}}).Set(value);
  }
  // Each rate's denominator too, so an alert can tell "0 %" from "nothing due yet".
  const std::pair<const char*, int64_t> counts[] = {
      {"calls", row.calls()},
      {"orders", row.orders()},
      {"signed", row.signed_()},
      {"returned", row.returned()},
      {"responded", row.responded()},
      {"sign_counted", row.sign_counted()},
      {"resolved", row.resolved()},
      {"resolve_counted", row.resolve_counted()},
      {"resolved_cases", row.resolved_cases()},
      {"callbacks", row.callbacks()},
      {"reopened", row.reopened()}};
  for (const auto& [name, value] : counts) {
    totals_.Add({{"what", name}, {"direction", direction}}).Set(static_cast<double>(value));
  }
}

}  // namespace liandong::kpi
