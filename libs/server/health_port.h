#pragma once

#include <grpcpp/grpcpp.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/statusor.h"

namespace liandong::server {

// A plaintext port that serves only grpc.health.v1.Health/Check, for kubelet gRPC probes
// (which speak neither TLS nor tokens). It reveals nothing but SERVING / NOT_SERVING: ""
// is the process, "ready" is the service's readiness.
class HealthPort {
 public:
  static absl::StatusOr<std::unique_ptr<HealthPort>> Start(const std::string& listen);
  ~HealthPort();
  void SetReady(bool ready) { ready_->store(ready); }
  void SetShuttingDown() { shutting_down_->store(true); }

 private:
  std::shared_ptr<std::atomic<bool>> ready_ = std::make_shared<std::atomic<bool>>(false);
  std::shared_ptr<std::atomic<bool>> shutting_down_ = std::make_shared<std::atomic<bool>>(false);
  std::unique_ptr<grpc::Service> service_;
  std::unique_ptr<grpc::Server> server_;
};

}  // namespace liandong::server
