#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "auth/identity.h"

namespace liandong::auth {

// Signs tokens with a private key (PEM, RSA → RS256, EC P-256 → ES256). For the local stack,
// tests and tooling only: in production the city's identity provider issues tokens.
class TokenIssuer {
 public:
  static absl::StatusOr<TokenIssuer> FromKeyFile(const std::string& private_key_path,
                                                 std::string key_id, std::string issuer,
                                                 std::string audience);

  absl::StatusOr<std::string> Issue(const Identity& who, absl::Duration ttl,
                                    absl::Time now = absl::Now()) const;

 private:
  std::string pem_;
  bool is_ec_ = false;
  std::string key_id_, issuer_, audience_;
};

}  // namespace liandong::auth
