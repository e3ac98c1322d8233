#pragma once

#include "absl/status/statusor.h"
#include "liandong/v1/feedback.pb.h"
#include "store/case_store.h"

namespace liandong::feedback {

// Read-only views for supervisors: KPIs from ld:events, and what needs attention now.
class SupervisionViews {
 public:
  explicit SupervisionViews(store::CaseStore& store) : store_(store) {}

  absl::StatusOr<v1::KpiReport> Kpis(const v1::GetKpisRequest& req);
  absl::StatusOr<v1::ListAttentionResponse> Attention(const v1::ListAttentionRequest& req);

 private:
  store::CaseStore& store_;
};

}  // namespace liandong::feedback
