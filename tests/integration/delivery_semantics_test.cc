// Delivery semantics partners rely on: retries are safe, replicas share a destination's load.
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "flow_helpers.h"
#include "partner.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

TEST_CASE("a ConfirmTriage retried with its request id returns the case and adds no order") {
  Suite s;
  const auto c = Submit(s, v1::SIDE_110, "小区停水两天了，水龙头没水");
  v1::ConfirmTriageRequest req;
  req.set_request_id("confirm-once");
  req.set_case_id(c.case_id());
  req.set_operator_id("op");
  req.set_accept_suggestion(true);
  v1::Case first, again;
  REQUIRE(s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op")).get(), req, &first).ok());
  const long long orders = StreamLength(s, "ld:wo:" + first.orders(0).destination());
  REQUIRE(s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op")).get(), req, &again).ok());
  CHECK(again.orders_size() == 1);
  CHECK(again.version() == first.version());
  CHECK(StreamLength(s, "ld:wo:" + first.orders(0).destination()) == orders);

  const auto other = Submit(s, v1::SIDE_110, "门口路灯不亮");
  req.set_case_id(other.case_id());
  v1::Case out;
  const grpc::Status reused =
      s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "op")).get(), req, &out);
  CHECK(reused.error_code() == grpc::StatusCode::ALREADY_EXISTS);
  CHECK(reused.error_message().find("request_id") != std::string::npos);
}

TEST_CASE("sign-for retried by the same signer is accepted once, anyone else is refused") {
  Suite s;
  const auto c = Confirm(s, Submit(s, v1::SIDE_110, "小区停水两天了").case_id());
  const auto signed_once = Sign(s, c.orders(0), "zhang");
  const auto signed_again = Sign(s, c.orders(0), "zhang");
  CHECK(signed_again.signed_at().seconds() == signed_once.signed_at().seconds());
  const auto types = TimelineTypes(GetCase(s, c.case_id()));
  CHECK(std::count(types.begin(), types.end(), "signed") == 1);
}

TEST_CASE("two replicas of one partner share its orders through the consumer group") {
  Suite s;
  Partner a(s.address("dispatch"), "agency:water_company", "replica-a", true);
  Partner b(s.address("dispatch"), "agency:water_company", "replica-b", true);
  a.Start();
  b.Start();
  std::set<std::string> written;
  for (int i = 0; i < 40; ++i) {
    const auto c = SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区停水两天了，水龙头没水",
                                            "share-" + std::to_string(i));
    written.insert(c.orders(0).order_id());
  }
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (a.signed_ids().size() + b.signed_ids().size() < written.size() &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  a.Stop();
  b.Stop();
  std::set<std::string> both = a.received();
  const auto from_b = b.received();
  both.insert(from_b.begin(), from_b.end());
  CHECK(both == written);
  CHECK(a.received().size() + from_b.size() == written.size());  // no order went to both
  CHECK_FALSE(a.received().empty());
  CHECK_FALSE(from_b.empty());
}

TEST_CASE("orders taken by a subscriber that just left go to another replica at once") {
  // Default visibility timeout (5 min): without the hand-back an order taken by the blocked
  // read of a subscriber that already left would wait that long.
  Suite s;
  Partner staying(s.address("dispatch"), "agency:water_company", "staying", true);
  staying.Start();
  for (int round = 0; round < 5; ++round) {
    Partner leaving(s.address("dispatch"), "agency:water_company", "leaving", false);
    leaving.Start();
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    leaving.Stop();
    const auto c = SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区停水两天了，水龙头没水",
                                            "leave-" + std::to_string(round));
    const std::string order_id = c.orders(0).order_id();
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (staying.signed_ids().count(order_id) == 0 && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    INFO("round " << round);
    CHECK(staying.signed_ids().count(order_id) == 1);
  }
  staying.Stop();
}
