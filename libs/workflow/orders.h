#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "liandong/v1/common.pb.h"
#include "store/case_store.h"

namespace liandong::workflow {

// Order ids are "<case_id>-O<n>", so the case is found from the order id alone.
std::string MakeOrderId(const std::string& case_id, int n);
absl::StatusOr<std::string> CaseIdOfOrder(const std::string& order_id);

// The order inside its case, NOT_FOUND when absent.
absl::StatusOr<v1::WorkOrder*> FindOrder(v1::Case& c, const std::string& order_id);

// The caller acting on an order must be its destination: PERMISSION_DENIED otherwise.
absl::Status CheckDestination(const v1::WorkOrder& order, const std::string& destination);

// Ends an unfinished order because its case is cancelled or merged: its clocks stop, an
// unsigned stream entry is deleted so it is never delivered, and the order is closed with `why`.
void CancelOrder(v1::WorkOrder& order, const std::string& why, const store::Keys& keys,
                 store::CaseMutation& m);

}  // namespace liandong::workflow
