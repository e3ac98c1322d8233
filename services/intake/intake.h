#pragma once

#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "liandong/v1/intake.pb.h"
#include "peer_clients.h"
#include "rules/rule_table_holder.h"
#include "rules/work_calendar.h"
#include "store/case_store.h"
#include "store/stream_groups.h"
#include "workflow/request_once.h"

namespace liandong::intake {

// How confirmed cases get their orders' deadlines.
struct OrderDeadlines {
  rules::WorkCalendar calendar;
  absl::TimeZone zone = absl::LocalTimeZone();
};

// Owns the case record: validation, idempotent creation, suggestion, and the decision, which
// is committed together with the work orders it calls for.
class Intake {
 public:
  // Calls about the same matter within `duplicate_window` are linked, not dispatched twice.
  Intake(store::CaseStore& store, rules::RuleTableHolder& rules, TriageSource& triage,
         OrderDeadlines deadlines, absl::Duration duplicate_window = absl::Hours(24))
      : store_(store),
        rules_(rules),
        triage_(triage),
        deadlines_(std::move(deadlines)),
        duplicate_window_(duplicate_window) {}

  // Hears each decision and each work order once, when committed (never for a replayed retry).
  struct Observer {
    std::function<void(const v1::Case&)> decided;
    std::function<void(const v1::WorkOrder&)> order_written;
  };
  void SetObserver(Observer observer) { observer_ = std::move(observer); }

  absl::StatusOr<v1::Case> SubmitCall(const v1::SubmitCallRequest& req);
  absl::StatusOr<v1::Case> ConfirmTriage(const v1::ConfirmTriageRequest& req);
  absl::StatusOr<v1::Case> GetCase(const std::string& case_id);

 private:
  // The suggestion, or an empty one flagged for review when classification fails:
  // a call is never lost because a dependency is down.
  v1::Triage Suggest(const v1::SubmitCallRequest& req);
  // Folds a confirmed call into the open case `original` about the same matter: the original
  // gets the caller as a linked call (they hear its outcome), this case closes as a duplicate.
  absl::StatusOr<v1::Case> LinkDuplicate(const v1::ConfirmTriageRequest& req,
                                         const workflow::RequestIdentity& id,
                                         const v1::Triage& decision, const v1::Case& original);
  // The decision and its orders, applied inside one compare-and-set commit.
  absl::Status ApplyConfirm(const v1::ConfirmTriageRequest& req, const rules::RuleIndex& rules,
                            v1::Case& c, store::CaseMutation& m);
  absl::StatusOr<v1::Case> ReplayedSubmit(const std::string& stored,
                                          const workflow::RequestIdentity& id);

  store::CaseStore& store_;
  rules::RuleTableHolder& rules_;
  TriageSource& triage_;
  OrderDeadlines deadlines_;
  absl::Duration duplicate_window_;
  // Emergency calls about the same place within this are one incident with several callers.
  absl::Duration emergency_link_window_ = absl::Minutes(30);
  Observer observer_;
  store::StreamGroups groups_{store_.redis(), store::Keys::kPartnerGroup};
};

}  // namespace liandong::intake
