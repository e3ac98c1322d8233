#include "workflow/transitions.h"

#include <catch2/catch.hpp>

#include "workflow/orders.h"

namespace v1 = liandong::v1;
using liandong::workflow::CheckCaseTransition;
using liandong::workflow::CheckOrderTransition;

TEST_CASE("the case life cycle follows the whitelist") {
  CHECK(CheckCaseTransition("c", v1::CASE_TRIAGED, v1::CASE_CONFIRMED).ok());
  CHECK(CheckCaseTransition("c", v1::CASE_TRIAGED, v1::CASE_CLOSED).ok());
  CHECK(CheckCaseTransition("c", v1::CASE_CONFIRMED, v1::CASE_DISPATCHED).ok());
  CHECK(CheckCaseTransition("c", v1::CASE_DISPATCHED, v1::CASE_IN_PROGRESS).ok());
  CHECK(CheckCaseTransition("c", v1::CASE_IN_PROGRESS, v1::CASE_RESOLVED).ok());
  CHECK(CheckCaseTransition("c", v1::CASE_RESOLVED, v1::CASE_CALLED_BACK).ok());
  CHECK(CheckCaseTransition("c", v1::CASE_CALLED_BACK, v1::CASE_CLOSED).ok());
  CHECK(CheckCaseTransition("c", v1::CASE_RETURNED, v1::CASE_CONFIRMED).ok());
}

TEST_CASE("illegal case changes are FAILED_PRECONDITION and say what is allowed") {
  auto s = CheckCaseTransition("LD1", v1::CASE_DISPATCHED, v1::CASE_RESOLVED);
  REQUIRE(s.code() == absl::StatusCode::kFailedPrecondition);
  CHECK(std::string(s.message()) ==
        "case LD1 is dispatched and cannot become resolved; allowed next: in_progress, returned, "
        "closed");
  CHECK(CheckCaseTransition("c", v1::CASE_CLOSED, v1::CASE_IN_PROGRESS).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(CheckCaseTransition("c", v1::CASE_TRIAGED, v1::CASE_RESOLVED).code() ==
        absl::StatusCode::kFailedPrecondition);
  CHECK(CheckCaseTransition("c", v1::CASE_RESOLVED, v1::CASE_CLOSED).code() ==
        absl::StatusCode::kFailedPrecondition);  // no close without a callback
}

TEST_CASE("order changes follow the whitelist") {
  CHECK(CheckOrderTransition("o", v1::ORDER_DISPATCHED, v1::ORDER_SIGNED).ok());
  CHECK(CheckOrderTransition("o", v1::ORDER_SIGNED, v1::ORDER_RESOLVED).ok());
  CHECK(CheckOrderTransition("o", v1::ORDER_DISPATCHED, v1::ORDER_RETURNED).ok());
  CHECK_FALSE(CheckOrderTransition("o", v1::ORDER_DISPATCHED, v1::ORDER_RESOLVED).ok());
  CHECK_FALSE(CheckOrderTransition("o", v1::ORDER_RETURNED, v1::ORDER_SIGNED).ok());
  CHECK_FALSE(CheckOrderTransition("o", v1::ORDER_IN_PROGRESS, v1::ORDER_RETURNED).ok());
  CHECK(std::string(CheckOrderTransition("o", v1::ORDER_CLOSED, v1::ORDER_SIGNED).message())
            .find("none (final)") != std::string::npos);
}

TEST_CASE("order ids lead back to their case") {
  CHECK(liandong::workflow::MakeOrderId("LD20261122-000001", 2) == "LD20261122-000001-O2");
  CHECK(*liandong::workflow::CaseIdOfOrder("LD20261122-000001-O2") == "LD20261122-000001");
  CHECK(liandong::workflow::CaseIdOfOrder("nonsense").status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(liandong::workflow::CaseIdOfOrder("-O1").status().code() ==
        absl::StatusCode::kInvalidArgument);
  CHECK(liandong::workflow::CaseIdOfOrder("X-O").status().code() ==
        absl::StatusCode::kInvalidArgument);
}
