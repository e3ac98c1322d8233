#include "metrics/rpc_metrics.h"

#include "absl/time/clock.h"
#include "common/grpc_status.h"

namespace liandong::metrics {
namespace {

// Times one call from creation to its status being sent.
class RpcInterceptor : public grpc::experimental::Interceptor {
 public:
  RpcInterceptor(RpcMetrics& metrics, std::string method)
      : metrics_(metrics), method_(std::move(method)), started_(absl::Now()) {}

  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    if (methods->QueryInterceptionHookPoint(
            grpc::experimental::InterceptionHookPoints::PRE_SEND_STATUS)) {
      metrics_.Observe(method_, StatusCodeName(methods->GetSendStatus().error_code()),
                       absl::ToDoubleSeconds(absl::Now() - started_));
    }
    methods->Proceed();
  }

 private:
  RpcMetrics& metrics_;
  std::string method_;
  absl::Time started_;
};

class RpcInterceptorFactory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit RpcInterceptorFactory(RpcMetrics& metrics) : metrics_(metrics) {}
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    std::string method = info->method() ? info->method() : "unknown";
    const size_t slash = method.rfind('/');
    if (slash != std::string::npos) method = method.substr(slash + 1);
    return new RpcInterceptor(metrics_, method);
  }

 private:
  RpcMetrics& metrics_;
};

}  // namespace

RpcMetrics::RpcMetrics(prometheus::Registry& registry, const std::string& service)
    : calls_(prometheus::BuildCounter()
                 .Name("liandong_" + service + "_rpcs_total")
                 .Help("RPCs served, by method and status code")
                 .Register(registry)),
      durations_(prometheus::BuildHistogram()
                     .Name("liandong_" + service + "_rpc_duration_seconds")
                     .Help("Time from receiving an RPC to sending its status")
                     .Register(registry)) {}

void RpcMetrics::Observe(const std::string& method, const std::string& code, double seconds) {
  calls_.Add({{"method", method}, {"code", code}}).Increment();
  static const prometheus::Histogram::BucketBoundaries kBuckets = {
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  durations_.Add({{"method", method}}, kBuckets).Observe(seconds);
}

std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>>
RpcMetrics::InterceptorCreators() {
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> creators;
  creators.push_back(std::make_unique<RpcInterceptorFactory>(*this));
  return creators;
}

}  // namespace liandong::metrics
