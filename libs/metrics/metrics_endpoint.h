#pragma once

#include <memory>
#include <string>

#include "prometheus/exposer.h"
#include "prometheus/registry.h"

namespace liandong::metrics {

// A service's /metrics endpoint and the registry behind it. Port 0 picks a free port; the
// chosen one is printed as "(metrics port N)" so tests and scripts can find it.
class MetricsEndpoint {
 public:
  MetricsEndpoint(const std::string& service, const std::string& listen);
  prometheus::Registry& registry() { return *registry_; }
  int port() const { return port_; }

 private:
  std::shared_ptr<prometheus::Registry> registry_;  // held here: the exposer keeps it weakly
  prometheus::Exposer exposer_;
  int port_ = 0;
};

}  // namespace liandong::metrics
