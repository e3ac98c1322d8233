// Bad input through the gateway gets a clear 4xx naming the field and the reason, and writes
// nothing; good input reaches the real services with the caller's token.
#include <httplib.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <thread>

#include "flow_helpers.h"
#include "gateway_process.h"
#include "http_get.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

Suite& S() {
  static Suite suite;
  return suite;
}

GatewayProcess& G() {
  static GatewayProcess gateway(S(), {"--max_body_bytes", "4096"});
  return gateway;
}

httplib::Result Post(const std::string& path, const std::string& body, const std::string& token,
                     const std::string& content_type = "application/json") {
  httplib::Client client("127.0.0.1", G().port());
  client.set_read_timeout(10, 0);
  httplib::Headers headers;
  if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
  return client.Post(path.c_str(), headers, body, content_type.c_str());
}

std::string Token110() { return TestPki::Get().Token(Operator(v1::SIDE_110)); }

// Posts to SubmitCall and checks the status, that the body names `field` and that Redis is
// unchanged.
void ExpectRefused(const std::string& body, const std::string& token, int status,
                   const std::string& field, const std::string& content_type = "application/json") {
  const long long keys = KeyCount(S());
  const long long events = StreamLength(S(), "ld:events");
  auto res = Post("/api/v1/IntakeService/SubmitCall", body, token, content_type);
  REQUIRE(res);
  INFO("got " << res->status << " " << res->body);
  CHECK(res->status == status);
  CHECK(res->body.find("\"field\":\"" + field + "\"") != std::string::npos);
  CHECK(res->body.find("\"reason\":\"") != std::string::npos);
  CHECK(KeyCount(S()) == keys);
  CHECK(StreamLength(S(), "ld:events") == events);
}

}  // namespace

TEST_CASE("gateway refuses a call without a bearer token, naming the header") {
  ExpectRefused(R"({"side":"SIDE_110","text":"5bCP5Yy65YGc5rC0"})", "", 401, "Authorization");
}

TEST_CASE("gateway refuses an unknown field with its path") {
  ExpectRefused(R"({"side":"SIDE_110","caller":{"fone":"13800000000"}})", Token110(), 400,
                "caller.fone");
}

TEST_CASE("gateway refuses wrong JSON types with the field and the expected type") {
  ExpectRefused(R"({"side":"SIDE_110","text":12})", Token110(), 400, "text");
  ExpectRefused(R"({"side":"SIDE_110","caller":"13800000000"})", Token110(), 400, "caller");
  ExpectRefused(R"({"side":"SIDE_999"})", Token110(), 400, "side");
  ExpectRefused(R"({"side":"SIDE_110","text":"not base64!!"})", Token110(), 400, "text");
  ExpectRefused(R"([1,2])", Token110(), 400, "body");
  ExpectRefused(R"({"side": )", Token110(), 400, "body");
}

TEST_CASE("gateway refuses an oversized body with 413 before any service sees it") {
  const std::string big = R"({"side":"SIDE_110","text":")" + std::string(8000, 'A') + "\"}";
  ExpectRefused(big, Token110(), 413, "body");
}

TEST_CASE("gateway refuses a body that is not JSON by its content type") {
  ExpectRefused("side=SIDE_110", Token110(), 415, "Content-Type",
                "application/x-www-form-urlencoded");
}

TEST_CASE("gateway passes a service's own refusal on with its code") {
  const long long keys = KeyCount(S());
  // Valid JSON, but intake refuses a call without text (INVALID_ARGUMENT naming the field).
  auto res = Post("/api/v1/IntakeService/SubmitCall",
                  R"({"side":"SIDE_110","channel":"CHANNEL_PHONE"})", Token110());
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == 400);
  CHECK(res->body.find("INVALID_ARGUMENT") != std::string::npos);
  CHECK(res->body.find("text") != std::string::npos);
  CHECK(KeyCount(S()) == keys);
  // A forged token is the services' to refuse: the gateway cannot vouch for anyone.
  auto forged =
      Post("/api/v1/ClassificationService/Classify", "{}", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA");
  REQUIRE(forged);
  CHECK(forged->status == 401);
}

TEST_CASE("gateway forwards a good call with the caller's token and sets security headers") {
  // "小区停水两天了" as base64 of its UTF-8 bytes (the JSON mapping of a bytes field).
  auto res =
      Post("/api/v1/ClassificationService/Classify",
           R"({"side":"SIDE_110","channel":"CHANNEL_PHONE","text":"5bCP5Yy65YGc5rC05Lik5aSp5LqG"})",
           Token110());
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == 200);
  CHECK(res->body.find("\"disposition\":\"TRANSFER_12345\"") != std::string::npos);
  CHECK(res->body.find("\"item\":\"water_outage\"") != std::string::npos);
  CHECK(res->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'") !=
        std::string::npos);
  CHECK(res->get_header_value("Content-Security-Policy").find("unsafe-inline") ==
        std::string::npos);
  CHECK(res->get_header_value("X-Content-Type-Options") == "nosniff");
  CHECK(res->get_header_value("Cache-Control") == "no-store");
  const std::string metrics = HttpGet(G().metrics_port(), "/metrics");
  CHECK(metrics.find(
            "liandong_gateway_rpcs_total{code=\"OK\",method=\"ClassificationService.Classify\"}") !=
        std::string::npos);
}

TEST_CASE("gateway answers an agency's stream of another agency's orders with 403") {
  const std::string token = TestPki::Get().Token(WorkerOf("agency:water_company"));
  auto res = Post("/api/v1/DispatchService/SubscribeOrders",
                  R"({"destination":"agency:gas_company","consumer":"t"})", token);
  REQUIRE(res);
  INFO(res->body);
  CHECK(res->status == 403);
  CHECK(res->body.find("PERMISSION_DENIED") != std::string::npos);
}

TEST_CASE("gateway health, unknown routes and the wrong verb") {
  httplib::Client client("127.0.0.1", G().port());
  auto health = client.Get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
  auto missing = Post("/api/v1/IntakeService/DropDatabase", "{}", Token110());
  REQUIRE(missing);
  CHECK(missing->status == 404);
  auto wrong_verb = client.Get("/api/v1/IntakeService/GetCase");
  REQUIRE(wrong_verb);
  CHECK(wrong_verb->status == 405);
}

TEST_CASE("gateway ends open event streams and exits 0 on SIGTERM") {
  GatewayProcess gateway(S());
  std::string received;
  std::thread reader([&] {
    httplib::Client client("127.0.0.1", gateway.port());
    client.set_read_timeout(20, 0);
    httplib::Headers headers = {{"Authorization", "Bearer " + Token110()}};
    auto res = client.Post("/api/v1/DispatchService/SubscribeOrders", headers,
                           R"({"destination":"110","consumer":"t"})", "application/json");
    if (res) received = res->body;
  });
  // Give the stream time to open, then stop the gateway as kubelet would.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  const int status = gateway.process().Stop(15);
  reader.join();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  CHECK(gateway.process().Log().find("liandong-gateway: stopped") != std::string::npos);
  // The browser is told the stream ended (and reconnects elsewhere) rather than cut off.
  CHECK(received.find("event: end") != std::string::npos);
}
