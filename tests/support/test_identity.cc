#include "test_identity.h"

#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>

#include "absl/strings/str_cat.h"
#include "auth/token_issuer.h"
#include "common/enums.h"
#include "run_command.h"
#include "server/client_channel.h"

namespace liandong::testing {
namespace {

void Run(const std::string& command) {
  int code = 0;
  RunCommand(command + " 2>&1", &code);
  if (code != 0) throw std::runtime_error("test PKI: failed: " + command);
}

std::string SubjectOf(const Who& who) {
  if (!who.subject.empty()) return who.subject;
  switch (who.role) {
    case auth::Role::kOperator:
      return absl::StrCat("op-", SideLabel(who.side));
    case auth::Role::kDutyOfficer:
      return absl::StrCat("duty-", SideLabel(who.side));
    case auth::Role::kAgency:
      return absl::StrCat("agent-", who.agency);
    default:
      return auth::RoleName(who.role) + "-1";
  }
}

}  // namespace

Who Operator(v1::Side side, std::string subject) {
  return Who{auth::Role::kOperator, side, "", std::move(subject)};
}

Who WorkerOf(const std::string& destination, std::string subject) {
  const std::string kAgency = "agency:";
  if (destination.rfind(kAgency, 0) == 0) {
    return Who{auth::Role::kAgency, v1::SIDE_UNSPECIFIED, destination.substr(kAgency.size()),
               std::move(subject)};
  }
  return Operator(ParseSide(destination).value_or(v1::SIDE_UNSPECIFIED), std::move(subject));
}

Who Supervisor(std::string subject) {
  return Who{auth::Role::kSupervisor, v1::SIDE_UNSPECIFIED, "", std::move(subject)};
}

Who ServiceAccount() { return Who{auth::Role::kService, v1::SIDE_UNSPECIFIED, "", "svc-test"}; }

Who As(auth::Role role, std::string subject) {
  Who who{role, v1::SIDE_UNSPECIFIED, "", std::move(subject)};
  if (role == auth::Role::kOperator || role == auth::Role::kDutyOfficer) who.side = v1::SIDE_110;
  if (role == auth::Role::kAgency) who.agency = "market_regulation";
  return who;
}

const TestPki& TestPki::Get() {
  static const TestPki* pki = [] {
    auto* p = new TestPki;
    char tmpl[] = "/tmp/liandong-pki-XXXXXX";
    p->dir = mkdtemp(tmpl);
    const std::string d = p->dir;
    p->ca = d + "/ca.crt";
    p->cert = d + "/tls.crt";
    p->key = d + "/tls.key";
    p->signing_key = d + "/test-key.key";
    p->signing_public = d + "/test-key.pem";
    p->other_signing_key = d + "/other.key";
    std::ofstream(d + "/san.ext") << "subjectAltName=DNS:localhost,IP:127.0.0.1\n";
    Run(absl::StrCat("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes ",
                     "-days 2 -subj /CN=liandong-test-ca -keyout ", d, "/ca.key -out ", p->ca));
    Run(absl::StrCat("openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes ",
                     "-subj /CN=localhost -keyout ", p->key, " -out ", d, "/tls.csr"));
    Run(absl::StrCat("openssl x509 -req -in ", d, "/tls.csr -CA ", p->ca, " -CAkey ", d,
                     "/ca.key -CAcreateserial -days 2 -extfile ", d, "/san.ext -out ", p->cert));
    Run(absl::StrCat("openssl ecparam -name prime256v1 -genkey -noout -out ", p->signing_key));
    Run(absl::StrCat("openssl ec -in ", p->signing_key, " -pubout -out ", p->signing_public));
    Run(absl::StrCat("openssl ecparam -name prime256v1 -genkey -noout -out ",
                     p->other_signing_key));
    p->service_token_file = d + "/service.token";
    std::ofstream(p->service_token_file) << p->Token(ServiceAccount(), 86400);
    // Removed when the test process ends.
    std::atexit([] { std::system(("rm -rf " + Get().dir).c_str()); });
    return p;
  }();
  return *pki;
}

std::string TestPki::Token(const Who& who, int ttl_seconds) const {
  static std::mutex mu;
  static std::map<std::string, std::string> cache;
  const std::string subject = SubjectOf(who);
  const std::string cache_key = absl::StrCat(auth::RoleName(who.role), "|", who.side, "|",
                                             who.agency, "|", subject, "|", ttl_seconds);
  std::lock_guard<std::mutex> lock(mu);
  if (auto it = cache.find(cache_key); it != cache.end()) return it->second;
  auto issuer = auth::TokenIssuer::FromKeyFile(signing_key, "test-key", "liandong-dev", "liandong");
  if (!issuer.ok()) throw std::runtime_error(std::string(issuer.status().message()));
  auth::Identity id;
  id.subject = subject;
  id.display_name = subject;
  id.role = who.role;
  id.side = who.side;
  id.agency = who.agency;
  auto token = issuer->Issue(id, absl::Seconds(ttl_seconds));
  if (!token.ok()) throw std::runtime_error(std::string(token.status().message()));
  return cache[cache_key] = *token;
}

std::vector<std::string> TestPki::ServiceFlags() const {
  return {"--tls_cert",   cert,           "--tls_key",       key, "--tls_ca", ca, "--auth_keys",
          signing_public, "--token_file", service_token_file};
}

std::string TestPki::ClientFlags(const Who& who) const {
  const std::string token = Token(who);
  const std::string file = absl::StrCat(dir, "/", std::hash<std::string>()(token), ".token");
  std::ofstream(file) << token;
  return absl::StrCat("--tls_cert ", cert, " --tls_key ", key, " --tls_ca ", ca, " --token_file ",
                      file);
}

server::ClientSecurity TestPki::Client() const {
  server::ClientSecurity s;
  s.tls = {cert, key, ca};
  return s;
}

std::unique_ptr<grpc::ClientContext> Ctx(const Who& who, double seconds) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  server::SetDeadline(*ctx, absl::Milliseconds(seconds * 1000));
  ctx->AddMetadata("authorization", "Bearer " + TestPki::Get().Token(who));
  return ctx;
}

}  // namespace liandong::testing
