#pragma once

#include <map>
#include <string>

#include "absl/status/statusor.h"

namespace liandong::auth {

struct PublicKey {
  std::string pem;  // SubjectPublicKeyInfo PEM, as libjwt takes it
  bool is_ec = false;
};

// Reads a PEM public key file (key id: the file's base name without extension) or a JWKS
// document (key id: each key's "kid") into key id → key.
absl::StatusOr<std::map<std::string, PublicKey>> LoadPublicKeys(const std::string& path);

}  // namespace liandong::auth
