#include "auth/token_verifier.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <jwt.h>

#include <cstdlib>
#include <memory>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "common/enums.h"

namespace liandong::auth {
namespace {

constexpr size_t kMaxTokenBytes = 8192;

struct JwtDeleter {
  void operator()(jwt_t* j) const { jwt_free(j); }
};
using JwtPtr = std::unique_ptr<jwt_t, JwtDeleter>;

absl::Status Unauthenticated(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("bearer token: ", why));
}

// A claim that is a string, or "" when absent.
std::string StringClaim(jwt_t* jwt, const char* name) {
  const char* v = jwt_get_grant(jwt, name);
  return v == nullptr ? "" : v;
}

// A claim that is a JSON array of strings (or one string), e.g. aud and districts.
std::vector<std::string> StringListClaim(jwt_t* jwt, const char* name) {
  std::vector<std::string> out;
  if (const char* single = jwt_get_grant(jwt, name); single != nullptr) {
    out.emplace_back(single);
    return out;
  }
  char* json = jwt_get_grants_json(jwt, name);
  if (json == nullptr) return out;
  google::protobuf::ListValue list;
  const bool parsed = google::protobuf::util::JsonStringToMessage(json, &list).ok();
  std::free(json);
  if (!parsed) return out;
  for (const auto& v : list.values()) {
    if (v.kind_case() == google::protobuf::Value::kStringValue) out.push_back(v.string_value());
  }
  return out;
}

bool WellFormed(absl::string_view token) {
  int dots = 0;
  for (char c : token) {
    if (c == '.') {
      ++dots;
    } else if (!(absl::ascii_isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_')) {
      return false;
    }
  }
  return dots == 2;
}

}  // namespace

absl::StatusOr<TokenVerifier> TokenVerifier::Create(const VerifierOptions& options) {
  TokenVerifier v;
  v.options_ = options;
  for (const std::string& file : options.key_files) {
    auto keys = LoadPublicKeys(file);
    if (!keys.ok()) return keys.status();
    v.keys_.merge(*keys);
  }
  if (v.keys_.empty()) {
    return absl::InvalidArgumentError("no token verification keys configured (--auth_keys)");
  }
  return v;
}

absl::StatusOr<Identity> TokenVerifier::Verify(absl::string_view token, absl::Time now) const {
  if (token.empty()) return Unauthenticated("missing");
  if (token.size() > kMaxTokenBytes || !WellFormed(token)) return Unauthenticated("malformed");
  const std::string text(token);

  // The header first, unverified, only to choose the key; the claims are read only from the
  // verified decode below.
  std::string header_json;
  google::protobuf::Struct header;
  if (!absl::WebSafeBase64Unescape(token.substr(0, token.find('.')), &header_json) ||
      !google::protobuf::util::JsonStringToMessage(header_json, &header).ok()) {
    return Unauthenticated("malformed header");
  }
  auto header_field = [&header](const char* name) {
    auto it = header.fields().find(name);
    return it == header.fields().end() ? std::string() : it->second.string_value();
  };
  const std::string alg = header_field("alg");
  if (alg != "RS256" && alg != "ES256") {
    return Unauthenticated("algorithm must be RS256 or ES256");
  }
  const bool wants_ec = alg == "ES256";
  const std::string kid = header_field("kid");

  JwtPtr verified;
  for (const auto& [id, key] : keys_) {
    if ((!kid.empty() && id != kid) || key.is_ec != wants_ec) continue;
    jwt_t* v = nullptr;
    if (jwt_decode(&v, text.c_str(), reinterpret_cast<const unsigned char*>(key.pem.data()),
                   static_cast<int>(key.pem.size())) == 0) {
      verified.reset(v);
      break;
    }
  }
  if (verified == nullptr) {
    return Unauthenticated(kid.empty() || keys_.count(kid) ? "signature does not verify"
                                                           : "unknown key id");
  }
  jwt_t* jwt = verified.get();

  const long exp = jwt_get_grant_int(jwt, "exp");
  if (exp <= 0) return Unauthenticated("no expiry (exp)");
  if (absl::FromUnixSeconds(exp) + options_.leeway < now) return Unauthenticated("expired");
  const long nbf = jwt_get_grant_int(jwt, "nbf");
  if (nbf > 0 && absl::FromUnixSeconds(nbf) - options_.leeway > now) {
    return Unauthenticated("not valid yet (nbf)");
  }
  if (StringClaim(jwt, "iss") != options_.issuer) return Unauthenticated("wrong issuer");
  bool audience_ok = false;
  for (const std::string& aud : StringListClaim(jwt, "aud"))
    audience_ok |= aud == options_.audience;
  if (!audience_ok) return Unauthenticated("wrong audience");

  Identity who;
  who.subject = StringClaim(jwt, "sub");
  if (who.subject.empty() || who.subject.size() > 128) return Unauthenticated("bad subject (sub)");
  who.display_name = StringClaim(jwt, "name");
  auto role = ParseRole(StringClaim(jwt, "role"));
  if (!role.ok()) return Unauthenticated("unknown role");
  who.role = *role;
  if (const std::string side = StringClaim(jwt, "side"); !side.empty()) {
    auto parsed = ParseSide(side);
    if (!parsed.ok()) return Unauthenticated("bad side");
    who.side = *parsed;
  }
  who.agency = StringClaim(jwt, "agency");
  who.districts = StringListClaim(jwt, "districts");
  if (who.role == Role::kAgency && who.agency.empty()) {
    return Unauthenticated("an agency token must name its agency");
  }
  if ((who.role == Role::kOperator || who.role == Role::kDutyOfficer) &&
      who.side == v1::SIDE_UNSPECIFIED) {
    return Unauthenticated("an operator token must name its side (110 or 12345)");
  }
  return who;
}

}  // namespace liandong::auth
