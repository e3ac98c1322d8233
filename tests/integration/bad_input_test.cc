// Refused requests get the right status, name the field, and write nothing.
#include <catch2/catch.hpp>

#include "flow_helpers.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

Suite& S() {
  static Suite suite;
  return suite;
}

v1::SubmitCallRequest Call(const std::string& text) {
  v1::SubmitCallRequest req;
  req.set_side(v1::SIDE_110);
  req.set_channel(v1::CHANNEL_PHONE);
  req.set_text(text);
  return req;
}

// Runs `call`, checks the code and that the field is named, and that Redis is unchanged.
template <typename F>
void ExpectRefused(F call, grpc::StatusCode code, const std::string& field) {
  const long long keys = KeyCount(S());
  const long long events = StreamLength(S(), "ld:events");
  const grpc::Status status = call();
  INFO("got " << status.error_code() << ": " << status.error_message());
  CHECK(status.error_code() == code);
  CHECK(status.error_message().find(field) != std::string::npos);
  CHECK(KeyCount(S()) == keys);
  CHECK(StreamLength(S(), "ld:events") == events);
}

grpc::Status SubmitRaw(const v1::SubmitCallRequest& req) {
  v1::Case out;
  return S().intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(), req, &out);
}

grpc::Status SignRaw(const std::string& order_id, const std::string& destination) {
  v1::SignOrderRequest req;
  req.set_order_id(order_id);
  req.set_destination(destination);
  req.set_signer("someone");
  v1::WorkOrder out;
  return S().dispatch().SignOrder(Ctx(WorkerOf(destination, "someone")).get(), req, &out);
}

}  // namespace

TEST_CASE("bad calls are refused with INVALID_ARGUMENT naming the field") {
  Submit(S(), v1::SIDE_110, "先建一个正常的案件");  // so the database is not empty
  ExpectRefused([] { return SubmitRaw(Call("")); }, grpc::StatusCode::INVALID_ARGUMENT,
                "text: required");
  ExpectRefused([] { return SubmitRaw(Call(std::string(1 << 20, 'x'))); },
                grpc::StatusCode::INVALID_ARGUMENT, "text: 1048576 bytes exceeds");
  ExpectRefused([] { return SubmitRaw(Call(std::string("\xe5\x81\x9c\xff\xfe", 5))); },
                grpc::StatusCode::INVALID_ARGUMENT, "text");
  auto unknown_side = Call("小区停水");
  unknown_side.set_side(static_cast<v1::Side>(9));
  ExpectRefused([&] { return SubmitRaw(unknown_side); }, grpc::StatusCode::INVALID_ARGUMENT,
                "side: unknown value 9");
  auto no_channel = Call("小区停水");
  no_channel.set_channel(v1::CHANNEL_UNSPECIFIED);
  ExpectRefused([&] { return SubmitRaw(no_channel); }, grpc::StatusCode::INVALID_ARGUMENT,
                "channel: required");
}

TEST_CASE("unknown cases and orders are NOT_FOUND") {
  Submit(S(), v1::SIDE_110, "先建一个正常的案件");
  ExpectRefused(
      [] {
        v1::GetCaseRequest req;
        req.set_case_id("LD19990101-000001");
        v1::Case out;
        return S().intake().GetCase(Ctx(Operator(v1::SIDE_110)).get(), req, &out);
      },
      grpc::StatusCode::NOT_FOUND, "case_id");
  ExpectRefused(
      [] {
        v1::ConfirmTriageRequest req;
        req.set_case_id("LD19990101-000001");
        req.set_operator_id("op");
        req.set_accept_suggestion(true);
        v1::Case out;
        return S().intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op")).get(), req, &out);
      },
      grpc::StatusCode::NOT_FOUND, "case_id");
  ExpectRefused([] { return SignRaw("LD19990101-000001-O1", "110"); }, grpc::StatusCode::NOT_FOUND,
                "case_id");
  ExpectRefused([] { return SignRaw("garbage", "110"); }, grpc::StatusCode::INVALID_ARGUMENT,
                "order_id");
  ExpectRefused(
      [] {
        v1::SubscribeOrdersRequest req;
        req.set_destination("agency:nobody");
        req.set_consumer("c1");
        auto ctx = Ctx(WorkerOf("agency:nobody"));
        auto reader = S().dispatch().SubscribeOrders(ctx.get(), req);
        v1::OrderDelivery d;
        while (reader->Read(&d)) {
        }
        return reader->Finish();
      },
      grpc::StatusCode::NOT_FOUND, "destination");
}

TEST_CASE("signing twice or signing another agency's order is refused") {
  auto c = Confirm(S(), Submit(S(), v1::SIDE_110, "门口路灯晚上一直不亮，黑灯瞎火的").case_id());
  REQUIRE(c.orders_size() == 1);
  const auto order = c.orders(0);
  ExpectRefused([&] { return SignRaw(order.order_id(), "agency:someone_else"); },
                grpc::StatusCode::PERMISSION_DENIED, "destination");
  Sign(S(), order, "first-signer");
  ExpectRefused([&] { return SignRaw(order.order_id(), order.destination()); },
                grpc::StatusCode::FAILED_PRECONDITION, "already signed for by first-signer");
}

TEST_CASE("illegal state changes are FAILED_PRECONDITION") {
  auto c = Submit(S(), v1::SIDE_110, "小区停水两天了");
  ExpectRefused(
      [&] {  // a callback before anything was resolved
        v1::RecordCallbackRequest req;
        req.set_case_id(c.case_id());
        req.set_operator_id("cb");
        req.set_satisfaction(4);
        req.set_method("phone");
        v1::Case out;
        return S().feedback().RecordCallback(Ctx(Operator(v1::SIDE_110, "cb")).get(), req, &out);
      },
      grpc::StatusCode::FAILED_PRECONDITION, "cannot become called_back");
  ExpectRefused(
      [&] {
        v1::RecordCallbackRequest req;
        req.set_case_id(c.case_id());
        req.set_operator_id("cb");
        req.set_satisfaction(9);
        req.set_method("phone");
        v1::Case out;
        return S().feedback().RecordCallback(Ctx(Operator(v1::SIDE_110, "cb")).get(), req, &out);
      },
      grpc::StatusCode::INVALID_ARGUMENT, "satisfaction");
  ExpectRefused(
      [&] {  // overriding without saying why
        v1::ConfirmTriageRequest req;
        req.set_case_id(c.case_id());
        req.set_operator_id("op");
        req.set_disposition(v1::TRANSFER_12345);
        req.set_item("garbage");
        v1::Case out;
        return S().intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op")).get(), req, &out);
      },
      grpc::StatusCode::INVALID_ARGUMENT, "reason: required");
  ExpectRefused(
      [&] {
        v1::ConfirmTriageRequest req;
        req.set_case_id(c.case_id());
        req.set_operator_id("op");
        req.set_disposition(v1::TRANSFER_12345);
        req.set_item("no_such_item");
        req.set_reason("test");
        v1::Case out;
        return S().intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op")).get(), req, &out);
      },
      grpc::StatusCode::INVALID_ARGUMENT, "item: 'no_such_item'");
}
