#include "auth/token_issuer.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <jwt.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/enums.h"

namespace liandong::auth {

absl::StatusOr<TokenIssuer> TokenIssuer::FromKeyFile(const std::string& private_key_path,
                                                     std::string key_id, std::string issuer,
                                                     std::string audience) {
  std::ifstream in(private_key_path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", private_key_path));
  std::stringstream buf;
  buf << in.rdbuf();
  TokenIssuer t;
  t.pem_ = buf.str();
  if (t.pem_.find("PRIVATE KEY") == std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(private_key_path, ": not a PEM private key"));
  }
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(
      BIO_new_mem_buf(t.pem_.data(), static_cast<int>(t.pem_.size())), BIO_free);
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
      PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (key == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(private_key_path, ": unreadable private key"));
  }
  t.is_ec_ = EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_EC;
  t.key_id_ = std::move(key_id);
  t.issuer_ = std::move(issuer);
  t.audience_ = std::move(audience);
  return t;
}

absl::StatusOr<std::string> TokenIssuer::Issue(const Identity& who, absl::Duration ttl,
                                               absl::Time now) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) return absl::InternalError("jwt_new failed");
  std::unique_ptr<jwt_t, decltype(&jwt_free)> jwt(raw, jwt_free);
  google::protobuf::Struct claims;
  auto& f = *claims.mutable_fields();
  f["sub"].set_string_value(who.subject);
  if (!who.display_name.empty()) f["name"].set_string_value(who.display_name);
  f["role"].set_string_value(RoleName(who.role));
  if (who.side != v1::SIDE_UNSPECIFIED) f["side"].set_string_value(SideLabel(who.side));
  if (!who.agency.empty()) f["agency"].set_string_value(who.agency);
  for (const auto& d : who.districts) {
    f["districts"].mutable_list_value()->add_values()->set_string_value(d);
  }
  f["iss"].set_string_value(issuer_);
  f["aud"].set_string_value(audience_);
  f["iat"].set_number_value(static_cast<double>(absl::ToUnixSeconds(now)));
  f["exp"].set_number_value(static_cast<double>(absl::ToUnixSeconds(now + ttl)));
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(claims, &json).ok() ||
      jwt_add_grants_json(jwt.get(), json.c_str()) != 0) {
    return absl::InternalError("cannot encode the claims");
  }
  if (!key_id_.empty() && jwt_add_header(jwt.get(), "kid", key_id_.c_str()) != 0) {
    return absl::InternalError("cannot set the key id");
  }
  if (jwt_set_alg(jwt.get(), is_ec_ ? JWT_ALG_ES256 : JWT_ALG_RS256,
                  reinterpret_cast<const unsigned char*>(pem_.data()),
                  static_cast<int>(pem_.size())) != 0) {
    return absl::InternalError("cannot use the signing key");
  }
  char* token = jwt_encode_str(jwt.get());
  if (token == nullptr) return absl::InternalError("signing failed");
  std::string out(token);
  std::free(token);
  return out;
}

}  // namespace liandong::auth
