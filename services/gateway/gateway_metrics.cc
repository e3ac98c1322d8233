#include "gateway_metrics.h"

namespace liandong::gateway {

GatewayMetrics::GatewayMetrics(const std::string& listen)
    : endpoint_("liandong-gateway", listen),
      rpc_(endpoint_.registry(), "gateway"),
      refused_(prometheus::BuildCounter()
                   .Name("liandong_gateway_refused_total")
                   .Help("HTTP requests refused before any service was called, by HTTP status")
                   .Register(endpoint_.registry())),
      open_streams_(prometheus::BuildGauge()
                        .Name("liandong_gateway_open_streams")
                        .Help("Server-Sent Event streams open now")
                        .Register(endpoint_.registry())
                        .Add({})) {}

void GatewayMetrics::Refused(int http_status) {
  refused_.Add({{"status", std::to_string(http_status)}}).Increment();
}

}  // namespace liandong::gateway
