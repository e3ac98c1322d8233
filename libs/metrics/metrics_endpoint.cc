#include "metrics/metrics_endpoint.h"

#include <iostream>

namespace liandong::metrics {

MetricsEndpoint::MetricsEndpoint(const std::string& service, const std::string& listen)
    : registry_(std::make_shared<prometheus::Registry>()), exposer_(listen) {
  exposer_.RegisterCollectable(registry_);
  const auto ports = exposer_.GetListeningPorts();
  port_ = ports.empty() ? 0 : ports.front();
  std::cerr << service << ": metrics on " << listen << " (metrics port " << port_ << ")"
            << std::endl;
}

}  // namespace liandong::metrics
