#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "auth/identity.h"
#include "auth/public_keys.h"

namespace liandong::auth {

struct VerifierOptions {
  // Files with the identity provider's public keys: PEM (the file name without extension
  // is the key id) or a JWKS document ({"keys": [...]}, RSA and EC P-256 keys).
  std::vector<std::string> key_files;
  std::string issuer = "liandong-dev";        // iss must equal this
  std::string audience = "liandong";          // aud must be or contain this
  absl::Duration leeway = absl::Seconds(30);  // clock skew tolerated on exp and nbf
};

// Verifies bearer JWTs signed with RS256 or ES256 by one of the configured keys and returns
// their claims. Tokens with alg "none" or HMAC are refused: a public key is not a secret.
class TokenVerifier {
 public:
  static absl::StatusOr<TokenVerifier> Create(const VerifierOptions& options);

  // UNAUTHENTICATED with the reason for a malformed, forged, expired or foreign token.
  absl::StatusOr<Identity> Verify(absl::string_view token, absl::Time now = absl::Now()) const;

  size_t key_count() const { return keys_.size(); }

 private:
  VerifierOptions options_;
  std::map<std::string, PublicKey> keys_;  // by key id
};

}  // namespace liandong::auth
