#include "server/client_security.h"

#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/flags/flag.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

ABSL_FLAG(std::string, tls_cert, "", "this process's TLS certificate (PEM)");
ABSL_FLAG(std::string, tls_key, "", "this process's TLS private key (PEM)");
ABSL_FLAG(std::string, tls_ca, "", "CA certificate(s) that sign every peer (PEM); mutual TLS");
ABSL_FLAG(bool, insecure_local, false,
          "plaintext gRPC, for a laptop only; refused together with any --tls_ flag");
ABSL_FLAG(std::string, token_file, "",
          "bearer token sent on every call (default $LIANDONG_TOKEN_FILE or $LIANDONG_TOKEN)");

namespace liandong::server {

absl::StatusOr<std::string> ReadSmallFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

std::shared_ptr<TokenSource> TokenSource::Fixed(std::string token) {
  auto t = std::make_shared<TokenSource>();
  t->token_ = std::move(token);
  return t;
}

std::shared_ptr<TokenSource> TokenSource::FromFile(std::string path) {
  auto t = std::make_shared<TokenSource>();
  t->path_ = std::move(path);
  return t;
}

std::string TokenSource::Get() {
  std::lock_guard<std::mutex> lock(mu_);
  if (path_.empty()) return token_;
  const absl::Time now = absl::Now();
  if (now - checked_ < absl::Seconds(2)) return token_;
  checked_ = now;
  struct stat st {};
  if (stat(path_.c_str(), &st) != 0 || st.st_mtime == mtime_) return token_;
  if (auto text = ReadSmallFile(path_); text.ok()) {
    token_ = std::string(absl::StripAsciiWhitespace(*text));
    mtime_ = st.st_mtime;
  }
  return token_;
}

absl::Status CheckTlsChoice(bool insecure_local, const TlsFiles& tls) {
  if (insecure_local && tls.any()) {
    return absl::InvalidArgumentError("--insecure_local is refused together with --tls_ flags");
  }
  if (insecure_local) return absl::OkStatus();
  if (tls.cert.empty() || tls.key.empty() || tls.ca.empty()) {
    return absl::InvalidArgumentError(
        "TLS needs --tls_cert, --tls_key and --tls_ca (or --insecure_local on a laptop)");
  }
  for (const std::string& f : {tls.cert, tls.key, tls.ca}) {
    if (auto read = ReadSmallFile(f); !read.ok()) return read.status();
  }
  return absl::OkStatus();
}

absl::StatusOr<ClientSecurity> ClientSecurityFromFlags() {
  ClientSecurity s;
  s.insecure_local = absl::GetFlag(FLAGS_insecure_local);
  // Flags first; a desk user can keep them in the environment instead.
  auto flag_or_env = [](const std::string& flag, const char* env) {
    const char* v = std::getenv(env);
    return !flag.empty() || v == nullptr ? flag : std::string(v);
  };
  s.tls = {flag_or_env(absl::GetFlag(FLAGS_tls_cert), "LIANDONG_TLS_CERT"),
           flag_or_env(absl::GetFlag(FLAGS_tls_key), "LIANDONG_TLS_KEY"),
           flag_or_env(absl::GetFlag(FLAGS_tls_ca), "LIANDONG_TLS_CA")};
  if (absl::Status ok = CheckTlsChoice(s.insecure_local, s.tls); !ok.ok()) return ok;
  std::string file = absl::GetFlag(FLAGS_token_file);
  if (file.empty()) {
    if (const char* env = std::getenv("LIANDONG_TOKEN_FILE"); env != nullptr) file = env;
  }
  if (!file.empty()) {
    if (auto read = ReadSmallFile(file); !read.ok()) return read.status();
    s.token = TokenSource::FromFile(file);
  } else if (const char* env = std::getenv("LIANDONG_TOKEN"); env != nullptr && *env) {
    s.token = TokenSource::Fixed(env);
  }
  return s;
}

}  // namespace liandong::server
