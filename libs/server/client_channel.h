#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>

#include "absl/time/time.h"
#include "server/client_security.h"

namespace liandong::server {

// A channel to a service: TLS with the process's certificate (mutual TLS), or plaintext with
// --insecure_local. When `security.token` is set, every call carries it as a bearer token
// unless the call set its own.
std::shared_ptr<grpc::Channel> MakeChannel(const std::string& address,
                                           const ClientSecurity& security);

// Sets the deadline every outgoing call must carry.
void SetDeadline(grpc::ClientContext& ctx, absl::Duration timeout);

}  // namespace liandong::server
