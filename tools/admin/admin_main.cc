// liandong-admin: tokens from a dev key for the local stack, and the roles table for the docs.
//   liandong-admin token --key dev.key --sub li --role agency --agency market_regulation
//   liandong-admin roles
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "auth/token_issuer.h"
#include "common/enums.h"
#include "roles_markdown.h"

ABSL_FLAG(std::string, key, "", "token: the signing key (PEM; RSA → RS256, EC P-256 → ES256)");
ABSL_FLAG(std::string, kid, "dev", "token: key id put in the header");
ABSL_FLAG(std::string, sub, "", "token: subject (the person's or system's id)");
ABSL_FLAG(std::string, name, "", "token: display name");
ABSL_FLAG(std::string, role, "",
          "token: operator, duty_officer, supervisor, agency, citizen, admin, service");
ABSL_FLAG(std::string, side, "", "token: 110 or 12345 (operators, duty officers)");
ABSL_FLAG(std::string, agency, "", "token: agency id of the rule table (agencies)");
ABSL_FLAG(std::string, districts, "", "token: comma-separated district codes");
ABSL_FLAG(std::string, ttl, "8h", "token: lifetime (e.g. 30m, 8h)");
ABSL_FLAG(std::string, issuer, "liandong-dev", "token: iss");
ABSL_FLAG(std::string, audience, "liandong", "token: aud");

namespace {

int Token() {
  using namespace liandong;
  auth::Identity who;
  who.subject = absl::GetFlag(FLAGS_sub);
  who.display_name = absl::GetFlag(FLAGS_name);
  auto role = auth::ParseRole(absl::GetFlag(FLAGS_role));
  absl::Duration ttl;
  if (who.subject.empty() || !role.ok() || !absl::ParseDuration(absl::GetFlag(FLAGS_ttl), &ttl)) {
    std::cerr << "liandong-admin token: --sub, a valid --role and --ttl are required\n";
    return 2;
  }
  who.role = *role;
  if (const std::string side = absl::GetFlag(FLAGS_side); !side.empty()) {
    auto parsed = ParseSide(side);
    if (!parsed.ok()) {
      std::cerr << "liandong-admin token: --side: " << parsed.status().message() << "\n";
      return 2;
    }
    who.side = *parsed;
  }
  who.agency = absl::GetFlag(FLAGS_agency);
  for (absl::string_view d :
       absl::StrSplit(absl::GetFlag(FLAGS_districts), ',', absl::SkipEmpty())) {
    who.districts.emplace_back(d);
  }
  auto issuer =
      auth::TokenIssuer::FromKeyFile(absl::GetFlag(FLAGS_key), absl::GetFlag(FLAGS_kid),
                                     absl::GetFlag(FLAGS_issuer), absl::GetFlag(FLAGS_audience));
  if (!issuer.ok()) {
    std::cerr << "liandong-admin token: " << issuer.status().message() << "\n";
    return 2;
  }
  auto token = issuer->Issue(who, ttl);
  if (!token.ok()) {
    std::cerr << "liandong-admin token: " << token.status().message() << "\n";
    return 2;
  }
  std::cout << *token << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("liandong-admin token|roles [flags]");
  const auto args = absl::ParseCommandLine(argc, argv);
  const std::string command = args.size() > 1 ? args[1] : "";
  if (command == "token") return Token();
  if (command == "roles") {
    std::cout << liandong::admin::RolesMarkdown();
    return 0;
  }
  std::cerr
      << "usage: liandong-admin token --key K --sub S --role R [--side|--agency ...] | roles\n";
  return 2;
}
