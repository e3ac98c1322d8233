#include "metrics/service_metrics.h"

namespace liandong::metrics {

ServiceMetrics::ServiceMetrics(const std::string& service, const std::string& listen)
    : endpoint_("liandong-" + service, listen),
      rpc_(endpoint_.registry(), service),
      redis_errors_(prometheus::BuildCounter()
                        .Name("liandong_" + service + "_redis_errors_total")
                        .Help("Redis commands that failed (transport or error reply)")
                        .Register(endpoint_.registry())
                        .Add({})),
      auth_denied_(prometheus::BuildCounter()
                       .Name("liandong_" + service + "_auth_denied_total")
                       .Help("Calls refused by authentication, authorization or limits")
                       .Register(endpoint_.registry())) {}

void ServiceMetrics::AuthDenied(const std::string& code, const std::string& action) {
  auth_denied_.Add({{"code", code}, {"action", action}}).Increment();
}

std::function<void()> ServiceMetrics::RedisErrorObserver() {
  return [this] { redis_errors_.Increment(); };
}

}  // namespace liandong::metrics
