#include "kpi_exporter.h"

#include <iostream>

#include "common/status_macros.h"
#include "common/time_util.h"

namespace liandong::feedback {
namespace {

void Publish(const v1::KpiRow& row, const std::string& direction,
             prometheus::Family<prometheus::Gauge>& ratios,
             prometheus::Family<prometheus::Gauge>& totals) {
  const std::pair<const char*, double> rates[] = {
      {"on_time_sign_rate", row.on_time_sign_rate()},
      {"response_rate", row.response_rate()},
      {"on_time_resolve_rate", row.on_time_resolve_rate()},
      {"satisfaction_rate", row.satisfaction_rate()},
      {"redo_rate", row.redo_rate()},
      {"direct_answer_rate", row.direct_answer_rate()}};
  for (const auto& [name, value] : rates) {
    ratios.Add({{"kpi", name}, {"direction", direction}}).Set(value);
  }
  const std::pair<const char*, int64_t> counts[] = {
      {"calls", row.calls()},       {"orders", row.orders()},       {"signed", row.signed_()},
      {"resolved", row.resolved()}, {"callbacks", row.callbacks()}, {"reopened", row.reopened()}};
  for (const auto& [name, value] : counts) {
    totals.Add({{"what", name}, {"direction", direction}}).Set(static_cast<double>(value));
  }
}

}  // namespace

KpiExporter::KpiExporter(SupervisionViews& views, prometheus::Registry& registry,
                         absl::Duration window, absl::Duration interval)
    : views_(views),
      ratios_(prometheus::BuildGauge()
                  .Name("liandong_feedback_kpi_ratio")
                  .Help("Policy §6 rates over the KPI window (0..1), from ld:events")
                  .Register(registry)),
      totals_(prometheus::BuildGauge()
                  .Name("liandong_feedback_kpi_total")
                  .Help("Counts behind the KPIs over the KPI window, from ld:events")
                  .Register(registry)),
      window_(window),
      interval_(interval) {}

absl::Status KpiExporter::RefreshOnce() {
  v1::GetKpisRequest req;
  const absl::Time now = absl::Now();
  *req.mutable_from() = ToProto(now - window_);
  *req.mutable_to() = ToProto(now);
  req.set_group_by("direction");
  LD_ASSIGN_OR_RETURN(v1::KpiReport report, views_.Kpis(req));
  Publish(report.total(), "all", ratios_, totals_);
  for (const auto& row : report.rows()) Publish(row, row.group(), ratios_, totals_);
  return absl::OkStatus();
}

void KpiExporter::Start() {
  thread_ = std::thread([this] {
    while (!stopping_) {
      if (absl::Status s = RefreshOnce(); !s.ok())
        std::cerr << "feedback: kpi export: " << s << std::endl;
      for (absl::Duration slept; slept < interval_ && !stopping_; slept += absl::Milliseconds(50)) {
        absl::SleepFor(absl::Milliseconds(50));
      }
    }
  });
}

void KpiExporter::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace liandong::feedback
