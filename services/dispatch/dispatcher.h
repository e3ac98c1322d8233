#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "liandong/v1/dispatch.pb.h"
#include "rules/rule_table_holder.h"
#include "store/case_store.h"

namespace liandong::dispatch {

// Owns delivery state: writing orders to destination streams, sign-for and return.
class Dispatcher {
 public:
  Dispatcher(store::CaseStore& store, rules::RuleTableHolder& rules)
      : store_(store), rules_(rules) {}

  // Idempotent: a case already dispatched is returned as it is.
  absl::StatusOr<v1::Case> CreateOrders(const std::string& case_id);
  absl::StatusOr<v1::WorkOrder> Sign(const v1::SignOrderRequest& req);
  absl::StatusOr<v1::WorkOrder> Return(const v1::ReturnOrderRequest& req);
  absl::StatusOr<v1::ListDestinationsResponse> ListDestinations();

  // Every destination of the table gets its stream and consumer group.
  absl::Status PrepareStreams();
  // NOT_FOUND unless the loaded table routes to `destination`.
  absl::Status CheckKnownDestination(const std::string& destination) const;

 private:
  store::CaseStore& store_;
  rules::RuleTableHolder& rules_;
};

}  // namespace liandong::dispatch
