#include "suite.h"

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <thread>

#include "free_port.h"
#include "server/client_channel.h"
#include "test_identity.h"

namespace liandong::testing {
namespace {

// "dispatch-2" is a second replica of "dispatch".
std::string KindOf(const std::string& service) { return service.substr(0, service.find('-')); }

std::string BinaryOf(const std::string& service) {
  const std::string kind = KindOf(service);
  if (kind == "intake") return LIANDONG_INTAKE_BIN;
  if (kind == "classification") return LIANDONG_CLASSIFIER_BIN;
  if (kind == "dispatch") return LIANDONG_DISPATCH_BIN;
  return LIANDONG_FEEDBACK_BIN;
}

}  // namespace

std::unique_ptr<grpc::ClientContext> Ctx(double seconds) {
  auto ctx = std::make_unique<grpc::ClientContext>();
  server::SetDeadline(*ctx, absl::Milliseconds(seconds * 1000));
  return ctx;
}

Suite::Suite(SuiteOptions options) : options_(std::move(options)), redis_(options_.fsync) {
  // Port 0: each service binds a port of its own choosing and reports it, so parallel
  // suites can never collide on a port picked too early.
  for (const char* s : {"classification", "dispatch", "feedback", "intake"})
    ports_.emplace_back(s, 0);
  if (options_.second_replicas) {
    ports_.emplace_back("dispatch-2", 0);
    ports_.emplace_back("feedback-2", 0);
  }
  for (const auto& [name, port] : ports_) Start(name);
  const auto security = TestPki::Get().Client();
  intake_ = v1::IntakeService::NewStub(server::MakeChannel(address("intake"), security));
  classification_ =
      v1::ClassificationService::NewStub(server::MakeChannel(address("classification"), security));
  dispatch_ = v1::DispatchService::NewStub(server::MakeChannel(address("dispatch"), security));
  feedback_ = v1::FeedbackService::NewStub(server::MakeChannel(address("feedback"), security));
  auto redis_options = store::ParseRedisAddress(redis_.address());
  redis_client_ = std::make_unique<store::RedisClient>(*redis_options);
}

Suite::~Suite() {
  // All services at once, then wait; Redis stops last (member order).
  for (auto& [name, p] : processes_) p->Terminate();
  for (auto& [name, p] : processes_) p->Stop();
}

std::string Suite::address(const std::string& service) const {
  for (const auto& [name, port] : ports_) {
    if (name == service) return LoopbackAddress(port);
  }
  throw std::runtime_error("unknown service " + service);
}

ChildProcess& Suite::process(const std::string& service) {
  for (auto& [name, p] : processes_) {
    if (name == service) return *p;
  }
  throw std::runtime_error("unknown service " + service);
}

// The port a service printed in its "serving on … (port N; …)" line, or 0 on timeout.
int WaitForReportedPort(ChildProcess& proc, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    const std::string log = proc.Log();
    const size_t at = log.find("(port ");
    if (at != std::string::npos) return std::atoi(log.c_str() + at + 6);
    if (!proc.Running()) return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return 0;
}

// LIANDONG_RULES runs the suite against another table (another city's).
std::string RulesPath() {
  const char* env = std::getenv("LIANDONG_RULES");
  return env != nullptr ? env : LIANDONG_RULES_PATH;
}

void Suite::Start(const std::string& service) {
  std::vector<std::string> args = {"--listen", address(service), "--rules",
                                   options_.rules_path.empty() ? RulesPath() : options_.rules_path};
  if (KindOf(service) != "classification") {
    // Each service as its own Redis ACL user (deploy/redis/acl-rules.txt), as in production.
    const std::string user = "liandong-" + KindOf(service);
    const std::string password_file = dir_.File(user + ".redis-password");
    std::ofstream(password_file) << user << "-pw\n";
    args.insert(args.end(), {"--redis", redis_.address(), "--redis_user", user,
                             "--redis_password_file", password_file});
  }
  // Metrics on any free port, so parallel suites never fight over 9104.
  args.insert(args.end(), {"--metrics_listen", "127.0.0.1:0"});
  // Mutual TLS and real tokens, as in production; tests drive many calls as one identity.
  const auto security = TestPki::Get().ServiceFlags();
  args.insert(args.end(), security.begin(), security.end());
  args.insert(args.end(), {"--caller_requests_per_second", "100000"});
  if (service == "intake") {
    args.insert(args.end(),
                {"--classification", address("classification")});
  }
  if (auto extra = options_.flags.find(KindOf(service)); extra != options_.flags.end()) {
    args.insert(args.end(), extra->second.begin(), extra->second.end());
  }
  auto proc = std::make_unique<ChildProcess>(BinaryOf(service), args, dir_.File(service + ".log"));
  const int port = WaitForReportedPort(*proc, 15);
  if (port <= 0 || !WaitForPort(port, 5)) {
    throw std::runtime_error(service + " did not start: " + proc->Log());
  }
  for (auto& [name, p] : ports_) {
    if (name == service) p = port;  // a restart reuses it, so clients reconnect
  }
  for (auto& [name, p] : processes_) {
    if (name == service) {
      p = std::move(proc);
      return;
    }
  }
  processes_.emplace_back(service, std::move(proc));
}

void Suite::Restart(const std::string& service) {
  process(service).Stop();
  Start(service);
}

}  // namespace liandong::testing
