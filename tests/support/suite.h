#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "child_process.h"
#include "liandong/v1/classification.grpc.pb.h"
#include "liandong/v1/dispatch.grpc.pb.h"
#include "liandong/v1/feedback.grpc.pb.h"
#include "liandong/v1/intake.grpc.pb.h"
#include "redis_server.h"
#include "store/redis_client.h"
#include "temp_dir.h"
#include "test_identity.h"

namespace liandong::testing {

struct SuiteOptions {
  std::string fsync = "everysec";  // Redis appendfsync
  // Extra flags per service, e.g. {"dispatch", {"--visibility_timeout_ms", "1000"}}.
  std::map<std::string, std::vector<std::string>> flags;
  std::string rules_path;        // empty: LIANDONG_RULES or the default table
  bool second_replicas = false;  // also start "dispatch-2" and "feedback-2" on the same Redis
};

// The four real service binaries on free loopback ports against a private Redis.
class Suite {
 public:
  explicit Suite(SuiteOptions options = {});
  ~Suite();

  v1::IntakeService::Stub& intake() { return *intake_; }
  v1::ClassificationService::Stub& classification() { return *classification_; }
  v1::DispatchService::Stub& dispatch() { return *dispatch_; }
  v1::FeedbackService::Stub& feedback() { return *feedback_; }
  // Direct Redis access, for asserting what the services wrote.
  store::RedisClient& redis() { return *redis_client_; }
  RedisServer& redis_server() { return redis_; }
  std::string address(const std::string& service) const;
  ChildProcess& process(const std::string& service);
  // Restarts one service on its port (after a crash or a kill).
  void Restart(const std::string& service);

 private:
  void Start(const std::string& service);
  SuiteOptions options_;
  TempDir dir_;
  RedisServer redis_;
  std::vector<std::pair<std::string, int>> ports_;  // 0 until the service reported its port
  std::vector<std::pair<std::string, std::unique_ptr<ChildProcess>>> processes_;
  std::unique_ptr<v1::IntakeService::Stub> intake_;
  std::unique_ptr<v1::ClassificationService::Stub> classification_;
  std::unique_ptr<v1::DispatchService::Stub> dispatch_;
  std::unique_ptr<v1::FeedbackService::Stub> feedback_;
  std::unique_ptr<store::RedisClient> redis_client_;
};

// A context with a deadline, as every call must have, and no token (see Ctx(Who) for one).
std::unique_ptr<grpc::ClientContext> Ctx(double seconds = 5);

}  // namespace liandong::testing
