#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/time/time.h"

namespace liandong::server {

// A channel to another service (plaintext on the cluster network / loopback).
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address);

// Sets the deadline every outgoing call must carry.
void SetDeadline(grpc::ClientContext& ctx, absl::Duration timeout);

}  // namespace liandong::server
