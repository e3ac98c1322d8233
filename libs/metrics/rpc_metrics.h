#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <memory>
#include <string>
#include <vector>

#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace liandong::metrics {

// Per-RPC counts by method and status code and latency histograms by method:
// liandong_<service>_rpcs_total{method, code}, liandong_<service>_rpc_duration_seconds{method}.
// Method labels are the RPC's short name (a fixed set), never anything a caller sends.
class RpcMetrics {
 public:
  RpcMetrics(prometheus::Registry& registry, const std::string& service);

  void Observe(const std::string& method, const std::string& code, double seconds);
  // For ServerBuilder::experimental().SetInterceptorCreators.
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
  InterceptorCreators();

 private:
  prometheus::Family<prometheus::Counter>& calls_;
  prometheus::Family<prometheus::Histogram>& durations_;
};

}  // namespace liandong::metrics
