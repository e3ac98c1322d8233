#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "liandong/v1/intake.pb.h"
#include "peer_clients.h"
#include "rules/rule_table_holder.h"
#include "store/case_store.h"

namespace liandong::intake {

// Owns the case record: validation, idempotent creation, suggestion, confirmation.
class Intake {
 public:
  // Calls about the same matter within `duplicate_window` are linked, not dispatched twice.
  Intake(store::CaseStore& store, rules::RuleTableHolder& rules, TriageSource& triage,
         OrderSink& orders, absl::Duration duplicate_window = absl::Hours(24))
      : store_(store),
        rules_(rules),
        triage_(triage),
        orders_(orders),
        duplicate_window_(duplicate_window) {}

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
                                         const v1::Triage& decision, const v1::Case& original);
  // A ConfirmTriage retried with a request id already used: the case as it is now (dispatching
  // it if the first attempt stopped before the orders were written).
  absl::StatusOr<v1::Case> ReplayedConfirm(const v1::ConfirmTriageRequest& req,
                                           const std::string& case_id);
  absl::StatusOr<v1::Case> ReplayedSubmit(const v1::SubmitCallRequest& req,
                                          const std::string& case_id);

  store::CaseStore& store_;
  rules::RuleTableHolder& rules_;
  TriageSource& triage_;
  OrderSink& orders_;
  absl::Duration duplicate_window_;
};

}  // namespace liandong::intake
