// Fault d: Redis unreachable. Calls fail fast with UNAVAILABLE, nothing is half-written, and
// work resumes by itself when Redis returns (partners reconnect, new calls flow through).
#include <catch2/catch.hpp>
#include <chrono>
#include <thread>

#include "flow_helpers.h"
#include "partner.h"
#include "store/streams.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

TEST_CASE("Redis down: fail fast, write nothing, resume by itself") {
  Suite s;
  Partner partner(s.address("dispatch"), "agency:water_company", "replica-1", /*auto_sign=*/true);
  partner.Start();
  const auto before = SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区停水两天了", "down-1");

  s.redis_server().Stop();
  for (int i = 0; i < 5; ++i) {
    v1::SubmitCallRequest req;
    req.set_request_id("during-" + std::to_string(i));
    req.set_side(v1::SIDE_110);
    req.set_channel(v1::CHANNEL_PHONE);
    req.set_text("停电了，整栋楼没电");
    v1::Case out;
    const auto started = std::chrono::steady_clock::now();
    const grpc::Status status =
        s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110), 5).get(), req, &out);
    CHECK(status.error_code() == grpc::StatusCode::UNAVAILABLE);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(3));
  }
  s.redis_server().Start();

  // Work resumes without anyone restarting a service or a partner.
  const auto after = SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区又停水了", "down-2");
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (partner.signed_ids().count(after.orders(0).order_id()) == 0 &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  CHECK(partner.signed_ids().count(before.orders(0).order_id()) == 1);
  CHECK(partner.signed_ids().count(after.orders(0).order_id()) == 1);
  CHECK(partner.reconnects() >= 1);
  partner.Stop();

  // Nothing half-written: the audit trail holds exactly the timelines of the stored cases.
  auto events = s.redis().Command({"XRANGE", "ld:events", "-", "+"});
  REQUIRE(events.ok());
  std::map<std::string, int> per_case;
  for (const auto& e : liandong::store::ParseEntries(*events)) per_case[e.Field("case_id")]++;
  REQUIRE(per_case.size() == 2);  // the calls refused during the outage left no trace
  for (const auto& [case_id, n] : per_case) CHECK(GetCase(s, case_id).timeline_size() == n);
}
