#pragma once

#include <grpcpp/support/status.h>

#include "absl/status/status.h"

namespace liandong {

// absl and gRPC share numeric codes, so the mapping is a cast.
grpc::Status ToGrpcStatus(const absl::Status& status);
absl::Status FromGrpcStatus(const grpc::Status& status);

}  // namespace liandong
