// Fault a: dispatch is killed (SIGKILL) while 1,000 calls flow, then restarted. Every order
// reaches its partner — exactly once after de-duplication by order id — and none is lost.
#include <atomic>
#include <catch2/catch.hpp>
#include <iostream>
#include <thread>

#include "flow_helpers.h"
#include "partner.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

TEST_CASE("kill -9 dispatch while 1000 calls flow: every order reaches its partner once") {
  Suite s;
  // Three kinds of call, three destinations, each watched by one partner that signs.
  const std::vector<std::pair<v1::Side, std::string>> kinds = {
      {v1::SIDE_110, "我们小区停水两天了，水龙头一滴水都没有"},
      {v1::SIDE_12345, "我在网上被人骗了三千块钱，对方说刷单返利"},
      {v1::SIDE_110, "这个事情不知道归谁管，几个部门推来推去"}};
  std::vector<std::unique_ptr<Partner>> partners;
  for (const std::string dest : {"agency:water_company", "110", "12345"}) {
    partners.push_back(std::make_unique<Partner>(s.address("dispatch"), dest, "replica-1", true));
    partners.back()->Start();
  }

  constexpr int kCalls = 1000;
  std::atomic<int> confirmed{0};
  std::thread killer([&] {
    while (confirmed < 300) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    s.process("dispatch").Kill9();
    std::this_thread::sleep_for(std::chrono::seconds(1));
    s.Restart("dispatch");
  });
  std::vector<std::string> case_ids;
  for (int i = 0; i < kCalls; ++i) {
    const auto& [side, text] = kinds[i % kinds.size()];
    case_ids.push_back(
        SubmitAndConfirmRetrying(s, side, text, "kill-" + std::to_string(i)).case_id());
    ++confirmed;
  }
  killer.join();

  // Every order written into a case must reach a partner.
  std::set<std::string> written;
  for (const auto& id : case_ids) {
    const v1::Case c = GetCase(s, id);
    for (const auto& o : c.orders()) written.insert(o.order_id());
  }
  REQUIRE(written.size() == kCalls);  // one order per call for these three kinds
  auto all_received = [&] {
    std::set<std::string> got;
    for (auto& p : partners) {
      auto r = p->received();
      got.insert(r.begin(), r.end());
    }
    return got;
  };
  auto all_signed = [&] {
    long long pending = 0;
    for (const std::string dest : {"agency:water_company", "110", "12345"}) {
      pending += PendingCount(s, "ld:wo:" + dest);
    }
    return pending == 0;
  };
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while ((all_received().size() < written.size() || !all_signed()) &&
         std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  const auto received = all_received();
  int deliveries = 0, reconnects = 0;
  for (auto& p : partners) {
    deliveries += p->deliveries();
    reconnects += p->reconnects();
    p->Stop();
  }
  std::cout << "dispatch kill: " << written.size() << " orders, " << received.size()
            << " received, " << deliveries - static_cast<int>(received.size())
            << " duplicate deliveries, " << reconnects << " reconnects" << std::endl;
  CHECK(received == written);  // none lost, none invented
  CHECK(reconnects >= 3);      // every partner lived through the kill
  // Every order ended signed for exactly once: no pending entry is left on any stream.
  for (const std::string dest : {"agency:water_company", "110", "12345"}) {
    CHECK(PendingCount(s, "ld:wo:" + dest) == 0);
  }
}
