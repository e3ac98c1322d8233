#include "server/health_port.h"

#include "absl/strings/str_cat.h"
#include "grpc/health/v1/health.grpc.pb.h"

namespace liandong::server {
namespace {

using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;

class ProbeHealth final : public grpc::health::v1::Health::Service {
 public:
  ProbeHealth(std::shared_ptr<std::atomic<bool>> ready,
              std::shared_ptr<std::atomic<bool>> shutting_down)
      : ready_(std::move(ready)), shutting_down_(std::move(shutting_down)) {}
  grpc::Status Check(grpc::ServerContext*, const HealthCheckRequest* req,
                     HealthCheckResponse* out) override {
    if (req->service() != "" && req->service() != "ready") {
      return grpc::Status(grpc::StatusCode::NOT_FOUND, "service: only \"\" and \"ready\"");
    }
    const bool serving = !shutting_down_->load() && (req->service().empty() || ready_->load());
    out->set_status(serving ? HealthCheckResponse::SERVING : HealthCheckResponse::NOT_SERVING);
    return grpc::Status::OK;
  }

 private:
  std::shared_ptr<std::atomic<bool>> ready_, shutting_down_;
};

}  // namespace

absl::StatusOr<std::unique_ptr<HealthPort>> HealthPort::Start(const std::string& listen) {
  auto port = std::unique_ptr<HealthPort>(new HealthPort);
  port->service_ = std::make_unique<ProbeHealth>(port->ready_, port->shutting_down_);
  grpc::ServerBuilder builder;
  int bound = 0;
  builder.AddListeningPort(listen, grpc::InsecureServerCredentials(), &bound);
  builder.RegisterService(port->service_.get());
  grpc::ResourceQuota quota("health-port");
  quota.SetMaxThreads(4);
  builder.SetResourceQuota(quota);
  port->server_ = builder.BuildAndStart();
  if (port->server_ == nullptr || bound == 0) {
    return absl::UnavailableError(absl::StrCat("health port: cannot listen on ", listen));
  }
  return port;
}

HealthPort::~HealthPort() {
  if (server_ != nullptr) server_->Shutdown(std::chrono::system_clock::now());
}

}  // namespace liandong::server
