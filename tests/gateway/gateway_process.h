#pragma once

#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "suite.h"
#include "temp_dir.h"

namespace liandong::testing {

// The real liandong-gateway on a free loopback port in front of a Suite's services, with the
// suite's TLS files and no token of its own (each request brings the caller's).
class GatewayProcess {
 public:
  explicit GatewayProcess(Suite& suite, std::vector<std::string> extra_flags = {});
  int port() const { return port_; }
  int metrics_port() const { return metrics_port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  ChildProcess& process() { return *process_; }

 private:
  TempDir dir_;
  std::unique_ptr<ChildProcess> process_;
  int port_ = 0;
  int metrics_port_ = 0;
};

}  // namespace liandong::testing
