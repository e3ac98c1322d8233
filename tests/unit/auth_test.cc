// Token verification (RS256 and ES256, PEM and JWKS keys), the per-caller limits and the
// masking of personal data, with keys made by openssl for each run.
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <catch2/catch.hpp>
#include <fstream>

#include "absl/strings/escaping.h"
#include "auth/caller_limits.h"
#include "auth/token_issuer.h"
#include "auth/token_verifier.h"
#include "common/pii.h"
#include "run_command.h"
#include "temp_dir.h"

namespace auth = liandong::auth;
using liandong::testing::RunCommand;
using liandong::testing::TempDir;

namespace {

void Sh(const std::string& cmd) {
  int code = 0;
  RunCommand(cmd + " 2>&1", &code);
  REQUIRE(code == 0);
}

std::string Base64UrlOf(EVP_PKEY* key, const char* param) {
  BIGNUM* bn = nullptr;
  REQUIRE(EVP_PKEY_get_bn_param(key, param, &bn) == 1);
  std::string raw(BN_num_bytes(bn), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(raw.data()));
  BN_free(bn);
  std::string out;
  absl::WebSafeBase64Escape(raw, &out);
  return out;
}

// A JWKS document holding the RSA public key in `pem_path`, as an identity provider serves it.
std::string JwksOf(const std::string& pem_path, const std::string& kid) {
  FILE* f = fopen(pem_path.c_str(), "r");
  REQUIRE(f != nullptr);
  EVP_PKEY* key = PEM_read_PUBKEY(f, nullptr, nullptr, nullptr);
  fclose(f);
  REQUIRE(key != nullptr);
  const std::string jwks = R"({"keys":[{"kty":"RSA","use":"sig","alg":"RS256","kid":")" + kid +
                           R"(","n":")" + Base64UrlOf(key, OSSL_PKEY_PARAM_RSA_N) + R"(","e":")" +
                           Base64UrlOf(key, OSSL_PKEY_PARAM_RSA_E) + R"("}]})";
  EVP_PKEY_free(key);
  return jwks;
}

auth::Identity Agency() {
  auth::Identity who;
  who.subject = "li";
  who.display_name = "李工";
  who.role = auth::Role::kAgency;
  who.agency = "market_regulation";
  who.districts = {"120101", "120102"};
  return who;
}

}  // namespace

TEST_CASE("RS256 tokens verify against a JWKS and ES256 tokens against a PEM key") {
  TempDir dir;
  Sh("openssl genrsa -out " + dir.File("rsa.key") + " 2048");
  Sh("openssl rsa -in " + dir.File("rsa.key") + " -pubout -out " + dir.File("rsa.pem"));
  Sh("openssl ecparam -name prime256v1 -genkey -noout -out " + dir.File("ec.key"));
  Sh("openssl ec -in " + dir.File("ec.key") + " -pubout -out " + dir.File("ec-key.pem"));
  std::ofstream(dir.File("jwks.json")) << JwksOf(dir.File("rsa.pem"), "idp-2026");

  auth::VerifierOptions options;
  options.key_files = {dir.File("jwks.json"), dir.File("ec-key.pem")};
  auto verifier = auth::TokenVerifier::Create(options);
  REQUIRE(verifier.ok());
  CHECK(verifier->key_count() == 2);

  auto rsa =
      auth::TokenIssuer::FromKeyFile(dir.File("rsa.key"), "idp-2026", "liandong-dev", "liandong");
  auto ec =
      auth::TokenIssuer::FromKeyFile(dir.File("ec.key"), "ec-key", "liandong-dev", "liandong");
  REQUIRE(rsa.ok());
  REQUIRE(ec.ok());
  for (auto* issuer : {&*rsa, &*ec}) {
    auto token = issuer->Issue(Agency(), absl::Minutes(5));
    REQUIRE(token.ok());
    auto who = verifier->Verify(*token);
    INFO(who.status().message());
    REQUIRE(who.ok());
    CHECK(who->subject == "li");
    CHECK(who->display_name == "李工");
    CHECK(who->role == auth::Role::kAgency);
    CHECK(who->OwnDestination() == "agency:market_regulation");
    CHECK(who->districts == std::vector<std::string>{"120101", "120102"});
  }
  // Expired beyond the leeway, and not yet valid, and a token for another audience.
  const absl::Time now = absl::Now();
  auto token = rsa->Issue(Agency(), absl::Minutes(5), now - absl::Hours(1));
  CHECK(absl::IsUnauthenticated(verifier->Verify(*token).status()));
  auto other_audience =
      auth::TokenIssuer::FromKeyFile(dir.File("rsa.key"), "idp-2026", "liandong-dev", "crm");
  CHECK(absl::IsUnauthenticated(
      verifier->Verify(*other_audience->Issue(Agency(), absl::Minutes(5))).status()));
  // An agency token must name its agency; an operator's its side.
  auth::Identity nameless = Agency();
  nameless.agency.clear();
  CHECK(
      absl::IsUnauthenticated(verifier->Verify(*rsa->Issue(nameless, absl::Minutes(5))).status()));
}

TEST_CASE("a key file that is neither PEM nor JWKS, or no key at all, is refused at start") {
  TempDir dir;
  std::ofstream(dir.File("junk.json")) << "{\"not\": \"keys\"}";
  auth::VerifierOptions options;
  options.key_files = {dir.File("junk.json")};
  CHECK_FALSE(auth::TokenVerifier::Create(options).ok());
  options.key_files = {};
  CHECK_FALSE(auth::TokenVerifier::Create(options).ok());
}

TEST_CASE("caller limits: streams per caller and in all, and a request rate per caller") {
  auth::LimitOptions options;
  options.max_streams = 3;
  options.max_streams_per_caller = 2;
  options.requests_per_second = 10;
  options.burst = 5;
  auth::CallerLimits limits(options);
  auto a1 = limits.OpenStream("a");
  auto a2 = limits.OpenStream("a");
  REQUIRE(a1.ok());
  REQUIRE(a2.ok());
  CHECK(absl::IsResourceExhausted(limits.OpenStream("a").status()));
  auto b1 = limits.OpenStream("b");
  REQUIRE(b1.ok());
  CHECK(absl::IsResourceExhausted(limits.OpenStream("c").status()));  // 3 in all
  a1->reset();
  CHECK(limits.OpenStream("c").ok());  // a slot came back

  const absl::Time t0 = absl::FromUnixSeconds(1000000);
  for (int i = 0; i < 5; ++i) CHECK(limits.Admit("x", t0).ok());
  CHECK(absl::IsResourceExhausted(limits.Admit("x", t0)));
  CHECK(limits.Admit("y", t0).ok());                            // another caller is not affected
  CHECK(limits.Admit("x", t0 + absl::Milliseconds(150)).ok());  // refilled at 10/s
}

TEST_CASE("personal data is masked: phones, names, numbers inside texts") {
  CHECK(liandong::MaskPhone("13800000001") == "138****0001");
  CHECK(liandong::MaskPhone("12") == "**");
  CHECK(liandong::MaskName("王小明") == "王**");
  CHECK(liandong::MaskNumbersInText("我电话13912345678，身份证12010119800101123X，门牌12号") ==
        "我电话139****5678，身份证120***********123X，门牌12号");
}
