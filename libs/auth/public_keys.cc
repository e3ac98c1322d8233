#include "auth/public_keys.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"

namespace liandong::auth {
namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

absl::StatusOr<PublicKey> FromPkey(EVP_PKEY* pkey, const std::string& where) {
  const int type = EVP_PKEY_get_base_id(pkey);
  if (type != EVP_PKEY_RSA && type != EVP_PKEY_EC) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": only RSA and EC keys are accepted"));
  }
  BioPtr out(BIO_new(BIO_s_mem()), BIO_free);
  if (PEM_write_bio_PUBKEY(out.get(), pkey) != 1) {
    return absl::InternalError(absl::StrCat(where, ": cannot encode the key"));
  }
  char* data = nullptr;
  const long len = BIO_get_mem_data(out.get(), &data);
  return PublicKey{std::string(data, len), type == EVP_PKEY_EC};
}

absl::StatusOr<PublicKey> FromPem(const std::string& pem, const std::string& where) {
  BioPtr in(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  PkeyPtr pkey(PEM_read_bio_PUBKEY(in.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
  if (pkey == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": not a PEM public key"));
  }
  return FromPkey(pkey.get(), where);
}

absl::StatusOr<std::string> Base64UrlField(const google::protobuf::Struct& jwk, const char* name,
                                           const std::string& where) {
  auto it = jwk.fields().find(name);
  std::string raw;
  if (it == jwk.fields().end() || !absl::WebSafeBase64Unescape(it->second.string_value(), &raw) ||
      raw.empty()) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": missing or bad \"", name, "\""));
  }
  return raw;
}

// Builds the key from its JWK parameters (RFC 7518 §6) with OpenSSL's parameter builder.
absl::StatusOr<PublicKey> FromJwk(const google::protobuf::Struct& jwk, const std::string& where) {
  const std::string kty = jwk.fields().count("kty") ? jwk.fields().at("kty").string_value() : "";
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                      OSSL_PARAM_BLD_free);
  std::unique_ptr<BIGNUM, decltype(&BN_free)> n(nullptr, BN_free), e(nullptr, BN_free);
  std::string point;
  const char* algorithm = nullptr;
  if (kty == "RSA") {
    auto nb = Base64UrlField(jwk, "n", where);
    auto eb = Base64UrlField(jwk, "e", where);
    if (!nb.ok()) return nb.status();
    if (!eb.ok()) return eb.status();
    n.reset(BN_bin2bn(reinterpret_cast<const unsigned char*>(nb->data()), nb->size(), nullptr));
    e.reset(BN_bin2bn(reinterpret_cast<const unsigned char*>(eb->data()), eb->size(), nullptr));
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, n.get());
    OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
    algorithm = "RSA";
  } else if (kty == "EC") {
    const std::string crv = jwk.fields().count("crv") ? jwk.fields().at("crv").string_value() : "";
    if (crv != "P-256") {
      return absl::InvalidArgumentError(absl::StrCat(where, ": only EC curve P-256 (ES256)"));
    }
    auto x = Base64UrlField(jwk, "x", where);
    auto y = Base64UrlField(jwk, "y", where);
    if (!x.ok()) return x.status();
    if (!y.ok()) return y.status();
    point = absl::StrCat(std::string(1, '\x04'), *x, *y);  // uncompressed point
    OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0);
    OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                     point.size());
    algorithm = "EC";
  } else {
    return absl::InvalidArgumentError(absl::StrCat(where, ": kty must be RSA or EC"));
  }
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                 OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(
      EVP_PKEY_CTX_new_from_name(nullptr, algorithm, nullptr), EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (params == nullptr || ctx == nullptr || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": not a valid ", kty, " key"));
  }
  PkeyPtr pkey(raw, EVP_PKEY_free);
  return FromPkey(pkey.get(), where);
}

}  // namespace

absl::StatusOr<std::map<std::string, PublicKey>> LoadPublicKeys(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read key file ", path));
  std::stringstream buf;
  buf << in.rdbuf();
  const std::string text = buf.str();
  std::map<std::string, PublicKey> keys;
  if (text.find("-----BEGIN") != std::string::npos) {
    auto key = FromPem(text, path);
    if (!key.ok()) return key.status();
    keys.emplace(std::filesystem::path(path).stem().string(), *std::move(key));
    return keys;
  }
  google::protobuf::Struct jwks;
  if (!google::protobuf::util::JsonStringToMessage(text, &jwks).ok() ||
      !jwks.fields().count("keys")) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": neither a PEM public key nor a JWKS document"));
  }
  int index = 0;
  for (const auto& v : jwks.fields().at("keys").list_value().values()) {
    const auto& jwk = v.struct_value();
    const std::string where = absl::StrCat(path, " key ", index++);
    auto key = FromJwk(jwk, where);
    if (!key.ok()) return key.status();
    const std::string kid =
        jwk.fields().count("kid") ? jwk.fields().at("kid").string_value() : where;
    keys.emplace(kid, *std::move(key));
  }
  if (keys.empty()) return absl::InvalidArgumentError(absl::StrCat(path, ": no keys"));
  return keys;
}

}  // namespace liandong::auth
