// Bearer tokens from the network: any bytes must give an identity or UNAUTHENTICATED.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "auth/token_verifier.h"

namespace {

// A fixed P-256 public key: the fuzzer explores parsing, not signatures.
constexpr char kPublicKey[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEgCcTRLnE/pmDb+41uWnpbsa+8qsE\n"
    "xe5Wos4zeBFDgScT4e94IRN2tT3QJ5VlugotS9Z4FzdhwMz9zB3tEvm3pA==\n"
    "-----END PUBLIC KEY-----\n";

const liandong::auth::TokenVerifier& Verifier() {
  static const auto* verifier = [] {
    char path[] = "/tmp/fuzz-token-key-XXXXXX";
    const int fd = mkstemp(path);
    FILE* f = fdopen(fd, "w");
    fputs(kPublicKey, f);
    fclose(f);
    liandong::auth::VerifierOptions options;
    options.key_files = {path};
    auto v = liandong::auth::TokenVerifier::Create(options);
    remove(path);
    if (!v.ok()) abort();
    return new liandong::auth::TokenVerifier(*std::move(v));
  }();
  return *verifier;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string token(reinterpret_cast<const char*>(data), size);
  auto who = Verifier().Verify(token);
  if (!who.ok() && !absl::IsUnauthenticated(who.status())) abort();
  return 0;
}
