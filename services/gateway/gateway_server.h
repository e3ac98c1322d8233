#pragma once

#include <httplib.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "api_routes.h"
#include "gateway_metrics.h"
#include "server/client_security.h"
#include "upstream_call.h"

namespace liandong::gateway {

struct GatewayOptions {
  std::string host = "127.0.0.1";
  int port = 8080;         // 0: any free port
  std::string web_root;    // the built web app (index.html …); empty: API only
  std::string rules_json;  // served at GET /api/v1/rules (item and agency names)
  size_t max_body_bytes = 64 * 1024;
  absl::Duration call_timeout = absl::Seconds(5);
  int max_streams = 64;   // open event streams; more get 503
  int http_threads = 80;  // each open stream holds one
  absl::Duration keepalive = absl::Seconds(15);
  std::string tls_cert, tls_key;  // HTTPS when both are set
};

// The HTTP face of the suite: static files of the web app and POST /api/v1/{Service}/{Method}
// for every method of the mapped services, with protobuf's JSON mapping. It holds no business
// logic and no identity of its own: the caller's bearer token goes to the services, which check
// it. Server streams become Server-Sent Events.
class GatewayServer {
 public:
  GatewayServer(GatewayOptions options, const std::map<std::string, std::string>& upstreams,
                const server::ClientSecurity& security, GatewayMetrics& metrics);
  // Binds the listening socket; returns the port.
  absl::StatusOr<int> Bind();
  // Serves until Stop().
  void Serve();
  // Health turns 503, open streams end with an "end" event, then the server stops.
  void Stop();
  size_t route_count() const { return routes_.size(); }

 private:
  struct OpenStream;
  void Install();
  void HandleApi(const httplib::Request& req, httplib::Response& res);
  void HandleUnary(const ApiRoute& route, const std::string& request, const std::string& bearer,
                   httplib::Response& res);
  void HandleStream(const ApiRoute& route, const std::string& request, const std::string& bearer,
                    httplib::Response& res);
  bool StreamStep(OpenStream& stream, httplib::DataSink& sink);
  void Refuse(httplib::Response& res, int http_status, const std::string& code,
              const std::string& field, const std::string& reason);

  GatewayOptions options_;
  std::map<std::string, ApiRoute> routes_;
  std::map<std::string, std::unique_ptr<grpc::GenericStub>> stubs_;  // by service short name
  GatewayMetrics& metrics_;
  std::unique_ptr<httplib::Server> http_;
  std::atomic<bool> stopping_{false};
  std::mutex streams_mu_;
  std::set<std::shared_ptr<OpenStream>> streams_;  // guarded by streams_mu_
};

}  // namespace liandong::gateway
