#pragma once

#include <string>

#include "absl/status/status.h"
#include "liandong/v1/common.pb.h"

namespace liandong::workflow {

// The whitelists of legal state changes. Anything else is FAILED_PRECONDITION, with the
// object, both states and the legal next states in the message.
absl::Status CheckCaseTransition(const std::string& case_id, v1::CaseStatus from,
                                 v1::CaseStatus to);
absl::Status CheckOrderTransition(const std::string& order_id, v1::OrderStatus from,
                                  v1::OrderStatus to);

bool IsOrderOpen(v1::OrderStatus status);  // still owed a result by its destination

}  // namespace liandong::workflow
