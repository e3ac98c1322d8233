#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>

#include "absl/status/statusor.h"
#include "auth/authorizer.h"
#include "metrics/service_metrics.h"
#include "server/client_security.h"
#include "server/server_runner.h"
#include "store/keys.h"
#include "store/redis_client.h"

namespace liandong::server {

// How a service serves and calls out: its server credentials (mutual TLS unless
// --insecure_local), whether reflection is on (--reflection), and the client side for calls
// to other services (the same certificate; --token_file names the service's own token).
struct ServerSecurity {
  std::shared_ptr<grpc::ServerCredentials> credentials;
  bool reflection = false;
  std::string health_listen;  // --health_listen: plaintext health-only port for probes
  ClientSecurity peers;
};
absl::StatusOr<ServerSecurity> ServerSecurityFromFlags();

// Puts the security choices into a server's config: credentials, reflection, the probe port and
// a thread pool sized for the stream limits.
void ApplySecurity(const ServerSecurity& security, ServerConfig& config);

// Threads kept for unary calls however many streams are open.
inline constexpr int kUnaryThreads = 64;
// The sync server's thread pool: every allowed stream (--max_streams) plus kUnaryThreads, so
// open streams can never take the threads unary calls need.
int ServerThreadsFromFlags();

// The service's authorizer: keys from --auth_keys, --auth_issuer, --auth_audience, and the
// per-caller limits. Every refusal is counted in `metrics` and, when `redis` is given,
// appended to the security audit stream (capped).
absl::StatusOr<std::unique_ptr<auth::Authorizer>> AuthorizerFromFlags(
    metrics::ServiceMetrics& metrics, std::shared_ptr<store::RedisClient> redis,
    const store::Keys& keys);

}  // namespace liandong::server
