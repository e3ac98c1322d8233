#pragma once

#include <map>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "auth/token_issuer.h"
#include "liandong/v1/common.pb.h"

namespace liandong::demo {

// The demo plays every role, so it signs its own short-lived tokens with the local stack's
// dev key (--signing_key). Production tokens come from the city's identity provider.
class DemoIdentities {
 public:
  static absl::StatusOr<DemoIdentities> FromFlags();

  std::string Operator(v1::Side side, const std::string& subject);
  std::string Supervisor();
  // The worker of a destination: its agency, or the side's desk for "110" / "12345".
  std::string WorkerOf(const std::string& destination, const std::string& subject);

 private:
  std::string Issue(const auth::Identity& who);
  std::shared_ptr<auth::TokenIssuer> issuer_;
  std::shared_ptr<std::mutex> mu_ = std::make_shared<std::mutex>();
  std::shared_ptr<std::map<std::string, std::string>> cache_ =
      std::make_shared<std::map<std::string, std::string>>();
};

}  // namespace liandong::demo
