#pragma once

#include <functional>
#include <string>

#include "metrics/metrics_endpoint.h"
#include "metrics/rpc_metrics.h"
#include "prometheus/counter.h"

namespace liandong::metrics {

// What every service exposes: its /metrics endpoint, per-RPC metrics, and
// liandong_<service>_redis_errors_total.
class ServiceMetrics {
 public:
  ServiceMetrics(const std::string& service, const std::string& listen);

  prometheus::Registry& registry() { return endpoint_.registry(); }
  RpcMetrics& rpc() { return rpc_; }
  std::function<void()> RedisErrorObserver();
  // liandong_<service>_auth_denied_total{code, action}: refused calls (UNAUTHENTICATED,
  // PERMISSION_DENIED, RESOURCE_EXHAUSTED for a caller over its limits).
  void AuthDenied(const std::string& code, const std::string& action);
  int port() const { return endpoint_.port(); }

 private:
  MetricsEndpoint endpoint_;
  RpcMetrics rpc_;
  prometheus::Counter& redis_errors_;
  prometheus::Family<prometheus::Counter>& auth_denied_;
};

}  // namespace liandong::metrics
