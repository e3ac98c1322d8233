// The gateway's JSON reading: protobuf's JSON mapping, with the path of the field at fault.
#include "json_request.h"

#include <catch2/catch.hpp>

#include "http_errors.h"
#include "liandong/v1/common.pb.h"
#include "liandong/v1/feedback.pb.h"
#include "liandong/v1/intake.pb.h"
#include "liandong/v1/rules.pb.h"

namespace v1 = liandong::v1;
using liandong::gateway::FieldProblem;
using liandong::gateway::ParseJsonRequest;

namespace {

template <typename Message>
std::optional<FieldProblem> Parse(const std::string& json) {
  Message m;
  return ParseJsonRequest(json, m);
}

}  // namespace

TEST_CASE("json request: camelCase and proto names, enums by name, bytes as base64") {
  v1::SubmitCallRequest req;
  REQUIRE_FALSE(ParseJsonRequest(
      R"({"request_id":"r1","side":"SIDE_12345","caller":{"phone":"13800000000"},"text":"5YGc5rC0"})",
      req));
  CHECK(req.request_id() == "r1");
  CHECK(req.side() == v1::SIDE_12345);
  CHECK(req.caller().phone() == "13800000000");
  CHECK(req.text() == "停水");
  CHECK_FALSE(Parse<v1::SubmitCallRequest>(""));  // empty body: the empty message
  CHECK_FALSE(Parse<v1::ListAttentionRequest>(R"({"horizonMinutes":"60"})"));  // int as string
}

TEST_CASE("json request: each problem names its field path and reason") {
  auto p = Parse<v1::ConfirmTriageRequest>(R"({"caseId":"c","acceptSuggestion":"yes"})");
  REQUIRE(p);
  CHECK(p->field == "acceptSuggestion");
  CHECK(p->reason == "expected true or false, got a string");

  p = Parse<v1::ListAttentionRequest>(R"({"horizonMinutes":1.5})");
  REQUIRE(p);
  CHECK(p->field == "horizonMinutes");
  CHECK(p->reason == "expected an integer, got a fraction");

  p = Parse<v1::ListAttentionRequest>(R"({"horizonMinutes":99999999999})");
  REQUIRE(p);
  CHECK(p->reason == "out of range for a 32-bit integer");

  p = Parse<v1::GetKpisRequest>(R"({"from":5})");
  REQUIRE(p);
  CHECK(p->field == "from");
  CHECK(p->reason == "expected a string, got a number");

  p = Parse<v1::GetKpisRequest>(R"({"from":"yesterday"})");  // protobuf's own words
  REQUIRE(p);
  CHECK(p->field == "body");

  p = Parse<v1::Case>(R"({"orders":[{"orderId":"a"},{"bogus":1}]})");
  REQUIRE(p);
  CHECK(p->field == "orders[1].bogus");
  CHECK(p->reason == "unknown field of liandong.v1.WorkOrder");

  p = Parse<v1::Agency>(R"({"districtDestinations":{"120101":5}})");
  REQUIRE(p);
  CHECK(p->field == "districtDestinations.120101");

  p = Parse<v1::SubmitCallRequest>(R"({"channel":"CHANNEL_FAX"})");
  REQUIRE(p);
  CHECK(p->field == "channel");
  CHECK(p->reason == "\"CHANNEL_FAX\" is not a value of liandong.v1.Channel");

  p = Parse<v1::SubmitCallRequest>(R"("just a string")");
  REQUIRE(p);
  CHECK(p->field == "body");
  CHECK(p->reason == "expected a JSON object, got a string");
}

TEST_CASE("gRPC codes map to the HTTP statuses of Google's API guide") {
  using liandong::gateway::HttpStatusFor;
  CHECK(HttpStatusFor(grpc::StatusCode::OK) == 200);
  CHECK(HttpStatusFor(grpc::StatusCode::INVALID_ARGUMENT) == 400);
  CHECK(HttpStatusFor(grpc::StatusCode::FAILED_PRECONDITION) == 400);
  CHECK(HttpStatusFor(grpc::StatusCode::UNAUTHENTICATED) == 401);
  CHECK(HttpStatusFor(grpc::StatusCode::PERMISSION_DENIED) == 403);
  CHECK(HttpStatusFor(grpc::StatusCode::NOT_FOUND) == 404);
  CHECK(HttpStatusFor(grpc::StatusCode::ALREADY_EXISTS) == 409);
  CHECK(HttpStatusFor(grpc::StatusCode::RESOURCE_EXHAUSTED) == 429);
  CHECK(HttpStatusFor(grpc::StatusCode::UNAVAILABLE) == 503);
  CHECK(HttpStatusFor(grpc::StatusCode::DEADLINE_EXCEEDED) == 504);
  CHECK(HttpStatusFor(grpc::StatusCode::INTERNAL) == 500);
}
