#pragma once

#include "absl/status/statusor.h"
#include "common/service_time_zone.h"
#include "liandong/v1/feedback.pb.h"
#include "rules/rule_table_holder.h"
#include "rules/work_calendar.h"
#include "store/case_store.h"

namespace liandong::feedback {

// The loop after sign-for: progress, result, callback, close. Each step is checked against
// the state whitelist, attributed, timestamped and appended to the audit trail.
class ClosedLoop {
 public:
  ClosedLoop(store::CaseStore& store, rules::RuleTableHolder& rules, rules::WorkCalendar calendar,
             absl::TimeZone zone = ServiceTimeZone())
      : store_(store), rules_(rules), calendar_(std::move(calendar)), zone_(zone) {}

  absl::StatusOr<v1::WorkOrder> ReportProgress(const v1::ReportProgressRequest& req);
  absl::StatusOr<v1::WorkOrder> Resolve(const v1::ResolveRequest& req);
  absl::StatusOr<v1::Case> RecordCallback(const v1::RecordCallbackRequest& req);
  absl::StatusOr<v1::Case> CloseCase(const v1::CloseCaseRequest& req);
  absl::StatusOr<v1::WorkOrder> RequestExtension(const v1::RequestExtensionRequest& req);
  absl::StatusOr<v1::Case> Reopen(const v1::ReopenRequest& req);

 private:
  // Tells the open case `original_id` of the caller of `case_id` (merged into it).
  absl::Status LinkCaller(const std::string& original_id, const std::string& case_id,
                          const std::string& actor);
  // The SLA tier of an order in the loaded table.
  absl::StatusOr<const v1::SlaTier*> TierOf(const v1::WorkOrder& order) const;

  store::CaseStore& store_;
  rules::RuleTableHolder& rules_;
  rules::WorkCalendar calendar_;
  absl::TimeZone zone_;
};

// 1 非常不满意 … 5 非常满意 (policy §5).
const char* SatisfactionLabel(int level);

}  // namespace liandong::feedback
