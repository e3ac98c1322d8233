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
  int port() const { return endpoint_.port(); }

 private:
  MetricsEndpoint endpoint_;
  RpcMetrics rpc_;
  prometheus::Counter& redis_errors_;
};

}  // namespace liandong::metrics
