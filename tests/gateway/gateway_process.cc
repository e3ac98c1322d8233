#include "gateway_process.h"

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <thread>

#include "free_port.h"
#include "test_identity.h"

namespace liandong::testing {
namespace {

// The number after `marker` in the log, once it appears (0 on timeout or exit).
int WaitForNumber(ChildProcess& proc, const std::string& marker, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    const std::string log = proc.Log();
    if (size_t at = log.find(marker); at != std::string::npos) {
      return std::atoi(log.c_str() + at + marker.size());
    }
    if (!proc.Running()) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

}  // namespace

GatewayProcess::GatewayProcess(Suite& suite, std::vector<std::string> extra_flags) {
  const TestPki& pki = TestPki::Get();
  std::vector<std::string> args = {"--listen",         "127.0.0.1:0",
                                   "--metrics_listen", "127.0.0.1:0",
                                   "--web_root",       LIANDONG_WEB_DIST,
                                   "--rules",          LIANDONG_RULES_PATH,
                                   "--intake",         suite.address("intake"),
                                   "--classification", suite.address("classification"),
                                   "--dispatch",       suite.address("dispatch"),
                                   "--feedback",       suite.address("feedback"),
                                   "--tls_cert",       pki.cert,
                                   "--tls_key",        pki.key,
                                   "--tls_ca",         pki.ca};
  args.insert(args.end(), extra_flags.begin(), extra_flags.end());
  process_ = std::make_unique<ChildProcess>(LIANDONG_GATEWAY_BIN, args, dir_.File("gateway.log"));
  metrics_port_ = WaitForNumber(*process_, "(metrics port ", 15);
  port_ = WaitForNumber(*process_, "(port ", 15);
  if (port_ <= 0 || !WaitForPort(port_, 5)) {
    throw std::runtime_error("gateway did not start: " + process_->Log());
  }
}

}  // namespace liandong::testing
