#include "desk_clients.h"

#include <cstdlib>
#include <iostream>
#include <random>

#include "absl/flags/flag.h"
#include "absl/strings/str_format.h"
#include "absl/time/clock.h"
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
ABSL_FLAG(std::string, request_id, "",
          "id of this change, so that running the same command again is a retry, not a second "
          "change (default: a fresh one per run)");
ABSL_FLAG(int, retries, 4, "times a change is retried when a service is unavailable or slow");
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

const std::string& RequestId() {
  static const std::string* id = [] {
    const std::string given = absl::GetFlag(FLAGS_request_id);
    if (!given.empty()) return new std::string(given);
    std::random_device random;
    return new std::string(absl::StrFormat("desk-%08x%08x-%d", random(), random(),
                                           absl::ToUnixMillis(absl::Now()) % 1000000000));
  }();
  return *id;
}

grpc::Status CallWithRetry(const Clients& c,
                           const std::function<grpc::Status(grpc::ClientContext*)>& rpc) {
  absl::Duration backoff = absl::Milliseconds(200);
  for (int attempt = 0;; ++attempt) {
    grpc::Status status = rpc(c.Context().get());
    const bool transient = status.error_code() == grpc::StatusCode::UNAVAILABLE ||
                           status.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
    if (!transient || attempt >= absl::GetFlag(FLAGS_retries)) return status;
    std::cerr << "retrying (" << StatusCodeName(status.error_code()) << ") in "
              << absl::FormatDuration(backoff) << "\n";
    absl::SleepFor(backoff);
    backoff *= 2;
  }
}

int Report(const grpc::Status& status) {
  if (status.ok()) return 0;
  std::cerr << "error: " << StatusCodeName(status.error_code()) << ": " << status.error_message()
            << "\n";
  return 1;
}

bool JsonOutput() { return absl::GetFlag(FLAGS_json); }

}  // namespace liandong::desk
