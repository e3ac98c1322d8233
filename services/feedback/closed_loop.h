#pragma once

#include "absl/status/statusor.h"
#include "liandong/v1/feedback.pb.h"
#include "store/case_store.h"

namespace liandong::feedback {

// The loop after sign-for: progress, result, callback, close. Each step is checked against
// the state whitelist, attributed, timestamped and appended to the audit trail.
class ClosedLoop {
 public:
  explicit ClosedLoop(store::CaseStore& store) : store_(store) {}

  absl::StatusOr<v1::WorkOrder> ReportProgress(const v1::ReportProgressRequest& req);
  absl::StatusOr<v1::WorkOrder> Resolve(const v1::ResolveRequest& req);
  absl::StatusOr<v1::Case> RecordCallback(const v1::RecordCallbackRequest& req);
  absl::StatusOr<v1::Case> CloseCase(const v1::CloseCaseRequest& req);

 private:
  store::CaseStore& store_;
};

// 1 非常不满意 … 5 非常满意 (policy §5).
const char* SatisfactionLabel(int level);

}  // namespace liandong::feedback
