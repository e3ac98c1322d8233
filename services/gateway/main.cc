// liandong-gateway: the web desk's files and the HTTP/JSON face of the gRPC services (port 8080,
// metrics 9106).
#include <google/protobuf/util/json_util.h>

#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "gateway_metrics.h"
#include "gateway_server.h"
#include "rules/rule_table_loader.h"
#include "server/client_security.h"
#include "server/health_port.h"
#include "server/shutdown_signal.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:8080",
          "host:port to serve HTTP on (port 0: any free port); loopback unless behind an ingress");
ABSL_FLAG(std::string, health_listen, "",
          "plaintext gRPC health port for kubelet probes (\"\": none), as every service has");
ABSL_FLAG(std::string, web_root, "", "directory of the built web app (web/desk/dist)");
ABSL_FLAG(std::string, metrics_listen, "127.0.0.1:9106", "Prometheus /metrics address");
ABSL_FLAG(std::string, rules, "", "rule table served at /api/v1/rules (default: installed)");
ABSL_FLAG(std::string, intake, "127.0.0.1:50051", "intake address");
ABSL_FLAG(std::string, classification, "127.0.0.1:50052", "classification address");
ABSL_FLAG(std::string, dispatch, "127.0.0.1:50053", "dispatch address");
ABSL_FLAG(std::string, feedback, "127.0.0.1:50054", "feedback address");
ABSL_FLAG(std::string, record, "", "record (liandong-archiver) address; empty: not mapped");
ABSL_FLAG(int, max_body_bytes, 64 * 1024, "largest JSON body accepted (413 above)");
ABSL_FLAG(int, timeout_ms, 5000, "deadline of every forwarded unary call");
ABSL_FLAG(int, max_streams, 64, "open event streams at most (503 above)");
ABSL_FLAG(std::string, http_tls_cert, "", "serve HTTPS with this certificate (PEM)");
ABSL_FLAG(std::string, http_tls_key, "", "… and this key (PEM)");

namespace {

// Item, agency and disposition names for the web app: the rule table as protobuf JSON.
std::string RulesJson(const liandong::v1::RuleTable& table) {
  std::string json;
  (void)google::protobuf::util::MessageToJsonString(table, &json);
  return json;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace liandong;
  server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  auto security = server::ClientSecurityFromFlags();
  if (!security.ok()) {
    std::cerr << "liandong-gateway: " << security.status().message() << std::endl;
    return 2;
  }
  auto rules = rules::LoadRuleTableOrDefault(absl::GetFlag(FLAGS_rules));
  if (!rules.ok()) {
    std::cerr << "liandong-gateway: " << rules.status().message() << std::endl;
    return 2;
  }
  gateway::GatewayOptions options;
  const std::string listen = absl::GetFlag(FLAGS_listen);
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || !absl::SimpleAtoi(listen.substr(colon + 1), &options.port)) {
    std::cerr << "liandong-gateway: --listen must be host:port" << std::endl;
    return 2;
  }
  options.host = listen.substr(0, colon);
  options.web_root = absl::GetFlag(FLAGS_web_root);
  options.rules_json = RulesJson(*rules);
  options.max_body_bytes = static_cast<size_t>(absl::GetFlag(FLAGS_max_body_bytes));
  options.call_timeout = absl::Milliseconds(absl::GetFlag(FLAGS_timeout_ms));
  options.max_streams = absl::GetFlag(FLAGS_max_streams);
  options.http_threads = options.max_streams + 16;
  options.tls_cert = absl::GetFlag(FLAGS_http_tls_cert);
  options.tls_key = absl::GetFlag(FLAGS_http_tls_key);
  const std::map<std::string, std::string> upstreams = {
      {"IntakeService", absl::GetFlag(FLAGS_intake)},
      {"ClassificationService", absl::GetFlag(FLAGS_classification)},
      {"DispatchService", absl::GetFlag(FLAGS_dispatch)},
      {"FeedbackService", absl::GetFlag(FLAGS_feedback)},
      {"RecordService", absl::GetFlag(FLAGS_record)}};

  gateway::GatewayMetrics metrics(absl::GetFlag(FLAGS_metrics_listen));
  gateway::GatewayServer server(options, upstreams, *security, metrics);
  auto port = server.Bind();
  if (!port.ok()) {
    std::cerr << "liandong-gateway: " << port.status().message() << std::endl;
    return 1;
  }
  std::unique_ptr<server::HealthPort> health;
  if (const std::string h = absl::GetFlag(FLAGS_health_listen); !h.empty()) {
    auto started = server::HealthPort::Start(h);
    if (!started.ok()) {
      std::cerr << "liandong-gateway: " << started.status().message() << std::endl;
      return 1;
    }
    health = *std::move(started);
  }
  std::thread serving([&server] { server.Serve(); });
  if (health) health->SetReady(true);  // no dependency to wait for: each call reaches a service
  const bool https = !options.tls_cert.empty() && !options.tls_key.empty();
  std::cerr << "liandong-gateway: serving " << (https ? "HTTPS" : "HTTP") << " on " << options.host
            << " (port " << *port << "; " << server.route_count() << " API routes)" << std::endl;
  const int signal = server::WaitForShutdownSignal();
  std::cerr << "liandong-gateway: signal " << signal << ", draining" << std::endl;
  if (health) health->SetShuttingDown();
  server.Stop();
  serving.join();
  std::cerr << "liandong-gateway: stopped" << std::endl;
  return 0;
}
