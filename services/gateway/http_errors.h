#pragma once

#include <grpcpp/support/status.h>

#include <string>

namespace liandong::gateway {

// The HTTP status for a gRPC status, as Google's API design guide and grpc-gateway map them.
int HttpStatusFor(grpc::StatusCode code);

// The JSON body of every refusal: {"code": "INVALID_ARGUMENT", "field": "caller.phone",
// "reason": "…"}; `field` is left out when no single field is at fault.
std::string ErrorJson(const std::string& code, const std::string& field, const std::string& reason);

// A service's refusal as the same body (its message names the field and the reason).
std::string ErrorJson(const grpc::Status& status);

}  // namespace liandong::gateway
