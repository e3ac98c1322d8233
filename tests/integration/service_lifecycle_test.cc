// Health, readiness that follows Redis, and clean shutdown on SIGTERM, on the real binaries.
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "flow_helpers.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "server/client_channel.h"

namespace v1 = liandong::v1;
using grpc::health::v1::HealthCheckRequest;
using grpc::health::v1::HealthCheckResponse;
using namespace liandong::testing;

namespace {

const char* kServices[] = {"intake", "classification", "dispatch", "feedback"};

// SERVING / NOT_SERVING / UNREACHABLE for one service's named health entry.
std::string Health(Suite& s, const std::string& service, const std::string& name) {
  auto stub = grpc::health::v1::Health::NewStub(
      liandong::server::MakeChannel(s.address(service), TestPki::Get().Client()));
  HealthCheckRequest req;
  req.set_service(name);
  HealthCheckResponse out;
  const grpc::Status status = stub->Check(Ctx(2).get(), req, &out);
  if (!status.ok()) return "UNREACHABLE";
  return HealthCheckResponse::ServingStatus_Name(out.status());
}

bool Eventually(const std::function<bool()>& condition, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return condition();
}

}  // namespace

TEST_CASE("every service reports health and readiness") {
  Suite s;
  for (const char* service : kServices) {
    INFO(service);
    CHECK(Health(s, service, "") == "SERVING");
    CHECK(Health(s, service, "ready") == "SERVING");
  }
}

TEST_CASE("without Redis calls fail fast with UNAVAILABLE and readiness drops until it returns") {
  Suite s;
  const std::string case_id = Submit(s, v1::SIDE_110, "小区停水两天了").case_id();
  s.redis_server().Stop();
  CHECK(Eventually([&] { return Health(s, "intake", "ready") == "NOT_SERVING"; }, 5));
  v1::GetCaseRequest req;
  req.set_case_id(case_id);
  v1::Case out;
  const auto started = std::chrono::steady_clock::now();
  const grpc::Status status = s.intake().GetCase(Ctx(Operator(v1::SIDE_110)).get(), req, &out);
  CHECK(status.error_code() == grpc::StatusCode::UNAVAILABLE);
  CHECK(status.error_message().find("redis") != std::string::npos);
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));

  s.redis_server().Restart();  // same port and directory: the AOF brings the case back
  CHECK(Eventually([&] { return Health(s, "intake", "ready") == "SERVING"; }, 5));
  CHECK(GetCase(s, case_id).case_id() == case_id);
}

TEST_CASE("SIGTERM shuts every service down cleanly") {
  Suite s;
  for (const char* service : kServices) {
    INFO(service);
    const auto started = std::chrono::steady_clock::now();
    const int status = s.process(service).Stop(10);
    CHECK(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(8));
    CHECK(s.process(service).Log().find("stopped") != std::string::npos);
  }
}
