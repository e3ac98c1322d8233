#include "auth/authorizer.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "google/protobuf/descriptor.h"

namespace liandong::auth {
namespace {

// Request fields that name who acts; the audit trail takes them from the token.
constexpr absl::string_view kActorFields[] = {"operator_id", "signer", "handler", "supervisor_id"};

absl::string_view BearerToken(const grpc::ServerContext& ctx) {
  const auto& md = ctx.client_metadata();
  auto it = md.find("authorization");
  if (it == md.end()) return {};
  absl::string_view value(it->second.data(), it->second.size());
  constexpr absl::string_view kBearer = "Bearer ";
  if (value.size() <= kBearer.size() || !absl::StartsWith(value, kBearer)) return {};
  return value.substr(kBearer.size());
}

bool InScope(const Identity& who, Scope scope, const std::string& destination) {
  switch (scope) {
    case Scope::kAny:
      return true;
    case Scope::kOwnSide:
      return who.side != v1::SIDE_UNSPECIFIED && destination == SideLabel(who.side);
    case Scope::kOwnAgency:
      return !who.agency.empty() && destination == absl::StrCat("agency:", who.agency);
  }
  return false;
}

}  // namespace

absl::Status Grant::CheckCase(const v1::Case& c) const {
  if (scope_ == Scope::kAny) return absl::OkStatus();
  if (scope_ == Scope::kOwnSide && c.side_received() == who_.side) return absl::OkStatus();
  for (const auto& o : c.orders()) {
    if (InScope(who_, scope_, o.destination())) return absl::OkStatus();
  }
  return authorizer_->Deny(absl::PermissionDeniedError(absl::StrCat(
                               "case ", c.case_id(), " is outside your ", ScopeName(scope_))),
                           action_, &who_, peer_);
}

void Grant::AuditRead(const std::string& case_id) const {
  if (authorizer_->on_denied_ == nullptr || who_.role == Role::kService) return;
  Denial read;
  read.type = "pii_read";
  read.action = action_;
  read.subject = who_.subject;
  read.role = RoleName(who_.role);
  read.code = absl::StatusCode::kOk;
  read.reason = case_id;
  read.peer = peer_;
  authorizer_->on_denied_(read);
}

absl::Status Authorizer::Deny(absl::Status status, absl::string_view action, const Identity* who,
                              const std::string& peer) const {
  if (on_denied_) {
    Denial d;
    d.action = std::string(action);
    d.subject = who ? who->subject : "";
    d.role = who ? RoleName(who->role) : "";
    d.code = status.code();
    d.reason = std::string(status.message());
    d.peer = peer;
    on_denied_(d);
  }
  return status;
}

absl::StatusOr<Identity> Authorizer::Authenticate(const grpc::ServerContext& ctx) const {
  return verifier_.Verify(BearerToken(ctx));
}

absl::StatusOr<Grant> Authorizer::Authorize(const grpc::ServerContext& ctx,
                                            absl::string_view action,
                                            google::protobuf::Message* request) const {
  auto who = Authenticate(ctx);
  if (!who.ok()) return Deny(who.status(), action, nullptr, ctx.peer());
  if (absl::Status admitted = limits_->Admit(who->subject); !admitted.ok()) {
    return Deny(admitted, action, &*who, ctx.peer());
  }
  const Permission* permission = FindPermission(who->role, action);
  if (permission == nullptr) {
    return Deny(absl::PermissionDeniedError(
                    absl::StrCat("role ", RoleName(who->role), " may not call ", action)),
                action, &*who, ctx.peer());
  }
  Grant grant(this, std::string(action), ctx.peer(), *std::move(who), permission->scope);
  if (request != nullptr) {
    if (absl::Status bound = BindFields(grant, request); !bound.ok()) {
      // A malformed field is the caller's mistake, not an attempt: only refusals are audited.
      if (!absl::IsPermissionDenied(bound)) return bound;
      return Deny(bound, action, &grant.who(), ctx.peer());
    }
  }
  return grant;
}

absl::StatusOr<std::unique_ptr<CallerLimits::StreamSlot>> Authorizer::OpenStream(
    const Grant& grant) const {
  auto slot = limits_->OpenStream(grant.who().subject);
  if (!slot.ok()) return Deny(slot.status(), grant.action_, &grant.who(), grant.peer_);
  return slot;
}

absl::Status Authorizer::BindFields(const Grant& grant, google::protobuf::Message* request) const {
  const Identity& who = grant.who();
  const auto* desc = request->GetDescriptor();
  const auto* refl = request->GetReflection();
  using FD = google::protobuf::FieldDescriptor;
  for (absl::string_view name : kActorFields) {
    const FD* f = desc->FindFieldByName(std::string(name));
    if (f == nullptr || f->type() != FD::TYPE_STRING) continue;
    const std::string named = refl->GetString(*request, f);
    if (named.empty()) {
      refl->SetString(request, f, who.subject);
    } else if (named != who.subject) {
      return absl::PermissionDeniedError(
          absl::StrCat(name, ": \"", named, "\" is not you; the actor is taken from the token"));
    }
  }
  if (grant.scope() == Scope::kAny) return absl::OkStatus();
  if (const FD* f = desc->FindFieldByName("side"); f != nullptr && f->type() == FD::TYPE_ENUM) {
    const int side = refl->GetEnumValue(*request, f);
    if (!v1::Side_IsValid(side)) {
      return absl::InvalidArgumentError(absl::StrCat("side: unknown value ", side));
    }
    if (side == v1::SIDE_UNSPECIFIED) {
      refl->SetEnumValue(request, f, who.side);
    } else if (grant.scope() != Scope::kOwnSide || side != who.side) {
      return absl::PermissionDeniedError(
          absl::StrCat("side: ", SideLabel(static_cast<v1::Side>(side)), " is not your side"));
    }
  }
  const bool side_bound = desc->FindFieldByName("side") != nullptr;
  if (const FD* f = desc->FindFieldByName("destination");
      f != nullptr && f->type() == FD::TYPE_STRING) {
    const std::string destination = refl->GetString(*request, f);
    // A request scoped by its side (a list of the side's cases) needs no destination.
    if (destination.empty() && side_bound && grant.scope() == Scope::kOwnSide) {
      // left empty: the side already bounds it
    } else if (destination.empty()) {
      refl->SetString(request, f, who.OwnDestination());
    } else if (!InScope(who, grant.scope(), destination)) {
      return absl::PermissionDeniedError(
          absl::StrCat("destination: \"", destination, "\" is not yours"));
    }
  }
  if (const FD* f = desc->FindFieldByName("agency");
      f != nullptr && f->type() == FD::TYPE_STRING && grant.scope() == Scope::kOwnAgency) {
    const std::string agency = refl->GetString(*request, f);
    if (agency.empty()) {
      refl->SetString(request, f, who.agency);
    } else if (agency != who.agency) {
      return absl::PermissionDeniedError(absl::StrCat("agency: \"", agency, "\" is not yours"));
    }
  }
  return absl::OkStatus();
}

void AttachToken(grpc::ClientContext& ctx, const std::string& token) {
  if (!token.empty()) ctx.AddMetadata("authorization", absl::StrCat("Bearer ", token));
}

}  // namespace liandong::auth
