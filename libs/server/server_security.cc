#include "server/server_security.h"

#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_split.h"
#include "common/grpc_status.h"

ABSL_FLAG(std::string, auth_keys, "",
          "comma-separated files with the token issuer's public keys (PEM or JWKS)");
ABSL_FLAG(std::string, auth_issuer, "liandong-dev", "the iss every token must carry");
ABSL_FLAG(std::string, auth_audience, "liandong", "the aud every token must carry");
ABSL_FLAG(bool, reflection, false, "serve gRPC reflection (off in production)");
ABSL_FLAG(std::string, health_listen, "",
          "plaintext port answering only gRPC health Check, for kubelet probes (\"\": none)");
ABSL_FLAG(int, max_streams_per_caller, 4, "open server streams one identity may hold");
ABSL_FLAG(int, max_streams, 192,
          "open server streams in all; each holds a thread, so the pool is sized above this");
ABSL_FLAG(int, keepalive_ms, 10000,
          "HTTP/2 ping interval on every connection; a peer silent for this plus "
          "--keepalive_timeout_ms is dropped and its streams end");
ABSL_FLAG(int, keepalive_timeout_ms, 5000, "how long a keepalive ping may go unanswered");
ABSL_FLAG(double, caller_requests_per_second, 200, "sustained requests/s of one identity");

namespace liandong::server {

absl::StatusOr<ServerSecurity> ServerSecurityFromFlags() {
  auto peers = ClientSecurityFromFlags();
  if (!peers.ok()) return peers.status();
  ServerSecurity s;
  s.peers = *std::move(peers);
  s.reflection = absl::GetFlag(FLAGS_reflection);
  s.health_listen = absl::GetFlag(FLAGS_health_listen);
  if (s.peers.insecure_local) {
    s.credentials = grpc::InsecureServerCredentials();
    return s;
  }
  grpc::SslServerCredentialsOptions ssl(GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY);
  ssl.pem_root_certs = *ReadSmallFile(s.peers.tls.ca);
  ssl.pem_key_cert_pairs.push_back(
      {*ReadSmallFile(s.peers.tls.key), *ReadSmallFile(s.peers.tls.cert)});
  s.credentials = grpc::SslServerCredentials(ssl);
  return s;
}

void ApplySecurity(const ServerSecurity& security, ServerConfig& config) {
  config.credentials = security.credentials;
  config.reflection = security.reflection;
  config.health_listen = security.health_listen;
  config.max_threads = ServerThreadsFromFlags();
  config.keepalive = absl::Milliseconds(absl::GetFlag(FLAGS_keepalive_ms));
  config.keepalive_timeout = absl::Milliseconds(absl::GetFlag(FLAGS_keepalive_timeout_ms));
}

int ServerThreadsFromFlags() { return absl::GetFlag(FLAGS_max_streams) + kUnaryThreads; }

absl::StatusOr<std::unique_ptr<auth::Authorizer>> AuthorizerFromFlags(
    metrics::ServiceMetrics& metrics, std::shared_ptr<store::RedisClient> redis,
    const store::Keys& keys) {
  auth::VerifierOptions options;
  for (absl::string_view f :
       absl::StrSplit(absl::GetFlag(FLAGS_auth_keys), ',', absl::SkipEmpty())) {
    options.key_files.emplace_back(f);
  }
  options.issuer = absl::GetFlag(FLAGS_auth_issuer);
  options.audience = absl::GetFlag(FLAGS_auth_audience);
  auto verifier = auth::TokenVerifier::Create(options);
  if (!verifier.ok()) return verifier.status();
  const std::string stream = keys.SecurityAudit();
  auth::DenialObserver observer = [&metrics, redis, stream](const auth::Denial& d) {
    const std::string code = StatusCodeName(static_cast<grpc::StatusCode>(d.code));
    if (d.type == "denied") metrics.AuthDenied(code, d.action);
    if (redis != nullptr) {
      // Best effort: an audit write failing must not turn a refusal into something else.
      // clang-format off
      (void)redis->Command({"XADD", stream, "MAXLEN", "~", "1000000", "*",
                            "type", d.type, "code", code, "action", d.action,
                            "subject", d.subject, "role", d.role, "reason", d.reason,
                            "peer", d.peer});
      // clang-format on
    }
  };
  auth::LimitOptions limits;
  limits.max_streams = absl::GetFlag(FLAGS_max_streams);
  limits.max_streams_per_caller = absl::GetFlag(FLAGS_max_streams_per_caller);
  limits.requests_per_second = absl::GetFlag(FLAGS_caller_requests_per_second);
  limits.burst = 2 * limits.requests_per_second;
  return std::make_unique<auth::Authorizer>(*std::move(verifier), std::move(observer), limits);
}

}  // namespace liandong::server
