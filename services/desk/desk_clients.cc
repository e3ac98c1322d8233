#include "desk_clients.h"

#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "common/grpc_status.h"
#include "server/client_channel.h"

ABSL_FLAG(std::string, intake, "", "intake address (default $LIANDONG_INTAKE or 127.0.0.1:50051)");
ABSL_FLAG(std::string, classification, "",
          "classification address (default $LIANDONG_CLASSIFICATION or 127.0.0.1:50052)");
ABSL_FLAG(std::string, dispatch, "",
          "dispatch address (default $LIANDONG_DISPATCH or 127.0.0.1:50053)");
ABSL_FLAG(std::string, feedback, "",
          "feedback address (default $LIANDONG_FEEDBACK or 127.0.0.1:50054)");
ABSL_FLAG(int, timeout_ms, 5000, "deadline of every call");
ABSL_FLAG(bool, json, false, "print results as JSON (protobuf JSON mapping)");

namespace liandong::desk {
namespace {

std::string Address(const std::string& flag, const char* env, const char* fallback) {
  if (!flag.empty()) return flag;
  const char* value = std::getenv(env);
  return value != nullptr && *value != '\0' ? value : fallback;
}

}  // namespace

Clients Clients::FromFlags() {
  Clients c;
  c.intake_address = Address(absl::GetFlag(FLAGS_intake), "LIANDONG_INTAKE", "127.0.0.1:50051");
  c.classification_address =
      Address(absl::GetFlag(FLAGS_classification), "LIANDONG_CLASSIFICATION", "127.0.0.1:50052");
  c.dispatch_address =
      Address(absl::GetFlag(FLAGS_dispatch), "LIANDONG_DISPATCH", "127.0.0.1:50053");
  c.feedback_address =
      Address(absl::GetFlag(FLAGS_feedback), "LIANDONG_FEEDBACK", "127.0.0.1:50054");
  auto security = server::ClientSecurityFromFlags();
  if (!security.ok()) {
    std::cerr << "error: " << security.status().message() << "\n";
    std::exit(2);
  }
  c.security = *std::move(security);
  c.intake = v1::IntakeService::NewStub(server::MakeChannel(c.intake_address, c.security));
  c.dispatch = v1::DispatchService::NewStub(server::MakeChannel(c.dispatch_address, c.security));
  c.feedback = v1::FeedbackService::NewStub(server::MakeChannel(c.feedback_address, c.security));
  c.timeout = absl::Milliseconds(absl::GetFlag(FLAGS_timeout_ms));
  return c;
}

std::unique_ptr<grpc::ClientContext> Clients::Context() const {
  auto ctx = std::make_unique<grpc::ClientContext>();
  server::SetDeadline(*ctx, timeout);
  return ctx;
}

int Report(const grpc::Status& status) {
  if (status.ok()) return 0;
  std::cerr << "error: " << StatusCodeName(status.error_code()) << ": " << status.error_message()
            << "\n";
  return 1;
}

bool JsonOutput() { return absl::GetFlag(FLAGS_json); }

}  // namespace liandong::desk
