#pragma once

#include <grpcpp/grpcpp.h>

#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "auth/caller_limits.h"
#include "auth/identity.h"
#include "auth/roles_table.h"
#include "auth/token_verifier.h"
#include "google/protobuf/message.h"
#include "liandong/v1/common.pb.h"

namespace liandong::auth {

// A refused call (type "denied") or a person's read of a caller's personal data (type
// "pii_read", code OK), for metrics and the security audit stream.
struct Denial {
  std::string type = "denied";
  std::string action;
  std::string subject;  // "" when no valid token was presented
  std::string role;
  absl::StatusCode code;  // UNAUTHENTICATED or PERMISSION_DENIED
  std::string reason;
  std::string peer;
};
using DenialObserver = std::function<void(const Denial&)>;

class Authorizer;

// What one authorized call may touch: the caller and the scope of its permission.
class Grant {
 public:
  const Identity& who() const { return who_; }
  Scope scope() const { return scope_; }
  // Whether the case lies within the scope (received on the caller's side or with an order
  // to it; for an agency: with an order to the agency). PERMISSION_DENIED otherwise.
  absl::Status CheckCase(const v1::Case& c) const;
  // Records that a person read the caller's details of `case_id` (the security audit stream).
  void AuditRead(const std::string& case_id) const;

 private:
  friend class Authorizer;
  Grant(const Authorizer* authorizer, std::string action, std::string peer, Identity who,
        Scope scope)
      : authorizer_(authorizer),
        action_(std::move(action)),
        peer_(std::move(peer)),
        who_(std::move(who)),
        scope_(scope) {}
  const Authorizer* authorizer_;
  std::string action_, peer_;
  Identity who_;
  Scope scope_;
};

// Enforces the roles table on every RPC before any work: authenticates the bearer token,
// finds the role's permission for the action, binds the request's actor fields to the
// token's subject and checks its `side` and `destination` fields against the scope.
class Authorizer {
 public:
  explicit Authorizer(TokenVerifier verifier, DenialObserver on_denied = {},
                      LimitOptions limits = {})
      : verifier_(std::move(verifier)),
        on_denied_(std::move(on_denied)),
        limits_(std::make_unique<CallerLimits>(limits)) {}

  // `request` may be modified: an empty actor field (operator_id, signer, handler,
  // supervisor_id) becomes the token's subject; an empty side or destination becomes the
  // caller's own. A named actor other than the caller is refused.
  absl::StatusOr<Grant> Authorize(const grpc::ServerContext& ctx, absl::string_view action,
                                  google::protobuf::Message* request) const;

  // A stream slot for the granted caller (RESOURCE_EXHAUSTED over its limit): a server
  // stream holds a thread, so idle streams of one caller must not starve everyone else.
  absl::StatusOr<std::unique_ptr<CallerLimits::StreamSlot>> OpenStream(const Grant& grant) const;

  // The caller's verified identity, or UNAUTHENTICATED.
  absl::StatusOr<Identity> Authenticate(const grpc::ServerContext& ctx) const;

 private:
  friend class Grant;
  absl::Status Deny(absl::Status status, absl::string_view action, const Identity* who,
                    const std::string& peer) const;
  absl::Status BindFields(const Grant& grant, google::protobuf::Message* request) const;
  TokenVerifier verifier_;
  DenialObserver on_denied_;
  std::unique_ptr<CallerLimits> limits_;
};

// "authorization: Bearer <token>" for an outgoing call.
void AttachToken(grpc::ClientContext& ctx, const std::string& token);

}  // namespace liandong::auth
