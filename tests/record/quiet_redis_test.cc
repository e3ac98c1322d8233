// LiandongRedisErrors must not page in normal operation: orders created for a destination
// whose group exists, subscriptions idling and busy, sign-for and resolve count no error.
#include <catch2/catch.hpp>
#include <thread>

#include "flow_helpers.h"
#include "record_helpers.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

int MetricsPort(ChildProcess& p) {
  const std::string log = p.Log();
  const size_t at = log.find("(metrics port ");
  REQUIRE(at != std::string::npos);
  return std::atoi(log.c_str() + at + 14);
}

}  // namespace

TEST_CASE("a normal day counts no Redis errors in any service") {
  Suite s;
  for (int i = 0; i < 6; ++i) {
    const v1::Case c =
        SubmitAndConfirmRetrying(s, v1::SIDE_12345, "小区停水两天了，第" + std::to_string(i) + "次",
                                 "quiet-" + std::to_string(i));
    REQUIRE(c.orders_size() == 1);
    REQUIRE(ReadOrders(s, c.orders(0).destination(), "agency-1", 1, 3).size() == 1);
    Resolve(s, Sign(s, c.orders(0)), "已恢复供水");
  }
  for (const char* service : {"intake", "dispatch", "feedback"}) {
    INFO(service);
    CHECK(MetricValue(MetricsPort(s.process(service)),
                      std::string("liandong_") + service + "_redis_errors_total") == 0);
  }
}
