#pragma once

#include "absl/status/status.h"
#include "liandong/v1/intake.pb.h"

namespace liandong::intake {

// INVALID_ARGUMENT naming the first bad field of a submitted call, or OK.
absl::Status ValidateSubmitCall(const v1::SubmitCallRequest& req);

}  // namespace liandong::intake
