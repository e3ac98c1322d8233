#include "demo_identities.h"

#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "common/enums.h"

ABSL_FLAG(std::string, signing_key, "", "dev token signing key of the local stack (PEM)");
ABSL_FLAG(std::string, signing_key_id, "dev", "its key id");

namespace liandong::demo {

absl::StatusOr<DemoIdentities> DemoIdentities::FromFlags() {
  auto issuer = auth::TokenIssuer::FromKeyFile(absl::GetFlag(FLAGS_signing_key),
                                               absl::GetFlag(FLAGS_signing_key_id), "liandong-dev",
                                               "liandong");
  if (!issuer.ok()) return issuer.status();
  DemoIdentities ids;
  ids.issuer_ = std::make_shared<auth::TokenIssuer>(*std::move(issuer));
  return ids;
}

std::string DemoIdentities::Issue(const auth::Identity& who) {
  const std::string key =
      absl::StrCat(auth::RoleName(who.role), "|", who.side, "|", who.agency, "|", who.subject);
  std::lock_guard<std::mutex> lock(*mu_);
  if (auto it = cache_->find(key); it != cache_->end()) return it->second;
  auto token = issuer_->Issue(who, absl::Hours(1));
  if (!token.ok()) {
    std::cerr << "demo: cannot sign a token: " << token.status().message() << "\n";
    return "";
  }
  return (*cache_)[key] = *token;
}

std::string DemoIdentities::Operator(v1::Side side, const std::string& subject) {
  auth::Identity who;
  who.role = auth::Role::kOperator;
  who.side = side;
  who.subject = subject;
  return Issue(who);
}

std::string DemoIdentities::Supervisor() {
  auth::Identity who;
  who.role = auth::Role::kSupervisor;
  who.subject = "demo-supervisor";
  return Issue(who);
}

std::string DemoIdentities::WorkerOf(const std::string& destination, const std::string& subject) {
  const std::string kAgency = "agency:";
  if (destination.rfind(kAgency, 0) != 0) {
    return Operator(ParseSide(destination).value_or(v1::SIDE_UNSPECIFIED), subject);
  }
  auth::Identity who;
  who.role = auth::Role::kAgency;
  who.agency = destination.substr(kAgency.size());
  who.subject = subject;
  return Issue(who);
}

}  // namespace liandong::demo
