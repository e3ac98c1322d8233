#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/time/time.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "liandong/v1/classification.grpc.pb.h"
#include "liandong/v1/dispatch.grpc.pb.h"
#include "liandong/v1/feedback.grpc.pb.h"
#include "liandong/v1/intake.grpc.pb.h"
#include "server/client_security.h"

namespace liandong::desk {

// Stubs for the four services, addressed by flag or LIANDONG_<SERVICE> environment variable.
struct Clients {
  std::string intake_address, classification_address, dispatch_address, feedback_address;
  std::unique_ptr<v1::IntakeService::Stub> intake;
  std::unique_ptr<v1::DispatchService::Stub> dispatch;
  std::unique_ptr<v1::FeedbackService::Stub> feedback;
  absl::Duration timeout;
  server::ClientSecurity security;  // TLS files and the user's token (--token_file)

  // Exits with a message when the TLS choice or the token file is wrong.
  static Clients FromFlags();
  // A context with the --timeout_ms deadline (streams: none, they end on --idle_seconds).
  std::unique_ptr<grpc::ClientContext> Context() const;
};

// The request id of this run's one mutating call: --request_id, or a fresh random one. Every
// change the desk asks for carries one, so a retry can never do it twice.
const std::string& RequestId();

// Calls `rpc` (given a fresh context each time) and, while the answer is UNAVAILABLE or
// DEADLINE_EXCEEDED, tries again after 0.2, 0.4, 0.8 … s, up to --retries times. Safe for
// changes because each carries RequestId(): a retry after a lost reply gets the first answer.
grpc::Status CallWithRetry(const Clients& c,
                           const std::function<grpc::Status(grpc::ClientContext*)>& rpc);

// Prints "error: <CODE>: <message>" and returns the exit code 1, or 0 when ok.
int Report(const grpc::Status& status);

bool JsonOutput();

// Ends a watched stream: cancels it only when we stopped reading (the --count limit), so that a
// stream the server ended (a refusal, say) reports its status; the --seconds deadline is normal.
template <typename Reader>
int FinishStream(grpc::ClientContext& ctx, Reader& reader, bool stopped_by_count) {
  if (stopped_by_count) ctx.TryCancel();
  const grpc::Status s = reader.Finish();
  const bool ended_normally = (stopped_by_count && s.error_code() == grpc::StatusCode::CANCELLED) ||
                              s.error_code() == grpc::StatusCode::DEADLINE_EXCEEDED;
  return ended_normally ? 0 : Report(s);
}

}  // namespace liandong::desk
