#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace liandong::server {

// Certificate files of one process: its own certificate and key (served, and presented as a
// client certificate to peers) and the CA that signs every peer.
struct TlsFiles {
  std::string cert, key, ca;
  bool any() const { return !cert.empty() || !key.empty() || !ca.empty(); }
};

// A bearer token read from a file and re-read when the file changes (rotation without a
// restart), or a fixed token.
class TokenSource {
 public:
  static std::shared_ptr<TokenSource> Fixed(std::string token);
  static std::shared_ptr<TokenSource> FromFile(std::string path);
  std::string Get();

 private:
  std::mutex mu_;
  std::string path_, token_;
  absl::Time checked_ = absl::InfinitePast();
  long long mtime_ = -1;
};

// How a client reaches the services: TLS (or --insecure_local) and its identity.
struct ClientSecurity {
  bool insecure_local = false;
  TlsFiles tls;
  std::shared_ptr<TokenSource> token;  // may be null: each call then carries its own
};

// --tls_cert/--tls_key/--tls_ca or --insecure_local (never both, never neither), and
// --token_file (or $LIANDONG_TOKEN / $LIANDONG_TOKEN_FILE).
absl::StatusOr<ClientSecurity> ClientSecurityFromFlags();

// Checks the TLS choice: the three files, or --insecure_local alone.
absl::Status CheckTlsChoice(bool insecure_local, const TlsFiles& tls);

// Reads a whole file (certificates, keys, tokens).
absl::StatusOr<std::string> ReadSmallFile(const std::string& path);

}  // namespace liandong::server
