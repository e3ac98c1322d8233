#pragma once

#include <string>

#include "metrics/metrics_endpoint.h"
#include "metrics/rpc_metrics.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"

namespace liandong::gateway {

// liandong_gateway_rpcs_total{method, code} and _rpc_duration_seconds{method} for forwarded
// calls (method: "IntakeService.SubmitCall", a fixed set), refusals before any service was
// called by HTTP status, and the open event streams.
class GatewayMetrics {
 public:
  explicit GatewayMetrics(const std::string& listen);
  void Forwarded(const std::string& method, const std::string& code, double seconds) {
    rpc_.Observe(method, code, seconds);
  }
  void Refused(int http_status);
  prometheus::Gauge& open_streams() { return open_streams_; }
  int port() const { return endpoint_.port(); }

 private:
  metrics::MetricsEndpoint endpoint_;
  metrics::RpcMetrics rpc_;
  prometheus::Family<prometheus::Counter>& refused_;
  prometheus::Gauge& open_streams_;
};

}  // namespace liandong::gateway
