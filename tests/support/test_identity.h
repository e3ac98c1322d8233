#pragma once

#include <grpcpp/grpcpp.h>

#include <memory>
#include <string>
#include <vector>

#include "auth/identity.h"
#include "server/client_security.h"

namespace liandong::testing {

// Who a test call acts as; the test PKI signs a token for it.
struct Who {
  auth::Role role = auth::Role::kOperator;
  v1::Side side = v1::SIDE_UNSPECIFIED;
  std::string agency;
  std::string subject;
};
Who Operator(v1::Side side, std::string subject = "");
// The one who works a destination's stream: its agency, or the side's operator for 110/12345.
Who WorkerOf(const std::string& destination, std::string subject = "");
Who Supervisor(std::string subject = "sup-1");
Who ServiceAccount();
Who As(auth::Role role,
       std::string subject = "");  // any role, with a side or agency if it needs one

// A private CA and certificates (made with the openssl command once per test process), a
// token signing key, and tokens signed with it: the real mechanisms, with test keys.
class TestPki {
 public:
  static const TestPki& Get();
  std::string ca, cert, key;                // one certificate serves every process
  std::string signing_key, signing_public;  // ES256 key pair ("test-key")
  std::string other_signing_key;            // an unrelated key, for forged tokens
  std::string service_token_file;           // a token of role service, for the services
  std::string dir;

  std::string Token(const Who& who, int ttl_seconds = 3600) const;
  // The flags that give a service its TLS certificate, the token keys and its own token.
  std::vector<std::string> ServiceFlags() const;
  server::ClientSecurity Client() const;  // TLS, no channel token: each call brings its own
  // Command-line flags for a client program (the desk): TLS files and a token file for `who`.
  std::string ClientFlags(const Who& who) const;
};

// A context with a deadline and the bearer token of `who`.
std::unique_ptr<grpc::ClientContext> Ctx(const Who& who, double seconds = 5);

}  // namespace liandong::testing
