#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/time/time.h"
#include "metrics/rpc_metrics.h"

namespace liandong::server {

struct ServerConfig {
  std::string name;    // service name for logs and the health service ("liandong.intake")
  std::string listen;  // "127.0.0.1:50051"
  // TLS (see ServerSecurityFromFlags); null is refused: plaintext must be chosen explicitly.
  std::shared_ptr<grpc::ServerCredentials> credentials;
  bool reflection = false;
  // Optional plaintext port serving only health Check, for kubelet probes ("" = none).
  std::string health_listen;
  int max_threads = 64;
  // HTTP/2 keepalive pings on every connection: a peer that stops answering (frozen, cut off)
  // is dropped after keepalive + keepalive_timeout, so its streams end and what it held is
  // handed on, instead of waiting for TCP to notice (minutes).
  absl::Duration keepalive = absl::Seconds(10);
  absl::Duration keepalive_timeout = absl::Seconds(5);
  // Polled every second; the named health service "ready" reports its answer.
  // Empty means ready as soon as the port is open.
  std::function<bool()> ready_probe;
  absl::Duration drain = absl::Milliseconds(300);
  // Called once SIGTERM/SIGINT arrives, before the server stops: end long-lived streams here.
  std::function<void()> on_shutdown;
  // When set, every RPC is counted and timed (liandong_<service>_rpcs_total,
  // _rpc_duration_seconds).
  metrics::RpcMetrics* rpc_metrics = nullptr;
};

// Serves until SIGINT or SIGTERM, then shuts down gracefully: health goes NOT_SERVING,
// in-flight calls get `drain` to finish, then the server stops. Health checking is on;
// reflection only when asked for. Call BlockShutdownSignals() at the top of main() first.
absl::Status RunServer(const ServerConfig& config, const std::vector<grpc::Service*>& services);

}  // namespace liandong::server
