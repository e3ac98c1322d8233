#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/classification.grpc.pb.h"
#include "server/client_security.h"

namespace liandong::intake {

// What intake needs from classification; an interface so the logic is testable alone.
class TriageSource {
 public:
  virtual ~TriageSource() = default;
  virtual absl::StatusOr<v1::Triage> Classify(v1::Side side, v1::Channel channel,
                                              const std::string& text) = 0;
};

class GrpcTriageSource : public TriageSource {
 public:
  GrpcTriageSource(const std::string& address, const server::ClientSecurity& security,
                   absl::Duration timeout);
  absl::StatusOr<v1::Triage> Classify(v1::Side side, v1::Channel channel,
                                      const std::string& text) override;

 private:
  std::unique_ptr<v1::ClassificationService::Stub> stub_;
  absl::Duration timeout_;
};

}  // namespace liandong::intake
