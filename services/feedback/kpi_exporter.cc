#include "kpi_exporter.h"

#include <iostream>

#include "common/status_macros.h"
#include "common/time_util.h"

namespace liandong::feedback {

KpiExporter::KpiExporter(SupervisionViews& views, prometheus::Registry& registry,
                         absl::Duration window, absl::Duration interval)
    : views_(views),
      gauges_(registry, "liandong_feedback", "ld:events"),
      window_(window),
      interval_(interval) {}

absl::Status KpiExporter::RefreshOnce() {
  v1::GetKpisRequest req;
  const absl::Time now = absl::Now();
  *req.mutable_from() = ToProto(now - window_);
  *req.mutable_to() = ToProto(now);
  req.set_group_by("direction");
  LD_ASSIGN_OR_RETURN(v1::KpiReport report, views_.Kpis(req));
  gauges_.Publish(report);
  return absl::OkStatus();
}

void KpiExporter::Start() {
  if (interval_ <= absl::ZeroDuration()) return;  // the archiver exports them instead
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
