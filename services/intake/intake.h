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
  Intake(store::CaseStore& store, rules::RuleTableHolder& rules, TriageSource& triage,
         OrderSink& orders)
      : store_(store), rules_(rules), triage_(triage), orders_(orders) {}

  absl::StatusOr<v1::Case> SubmitCall(const v1::SubmitCallRequest& req);
  absl::StatusOr<v1::Case> ConfirmTriage(const v1::ConfirmTriageRequest& req);
  absl::StatusOr<v1::Case> GetCase(const std::string& case_id);

 private:
  // The suggestion, or an empty one flagged for review when classification fails:
  // a call is never lost because a dependency is down.
  v1::Triage Suggest(const v1::SubmitCallRequest& req);
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
};

}  // namespace liandong::intake
