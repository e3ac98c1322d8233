#include <catch2/catch.hpp>

#include "call_validation.h"
#include "common/text_limits.h"

namespace v1 = liandong::v1;

namespace {

v1::SubmitCallRequest Good() {
  v1::SubmitCallRequest r;
  r.set_side(v1::SIDE_110);
  r.set_channel(v1::CHANNEL_PHONE);
  r.set_text("小区停水了");
  r.mutable_caller()->set_phone("13800001234");
  r.mutable_location()->set_district_code("120101");
  return r;
}

std::string Why(const v1::SubmitCallRequest& r) {
  auto s = liandong::intake::ValidateSubmitCall(r);
  REQUIRE(s.code() == absl::StatusCode::kInvalidArgument);
  return std::string(s.message());
}

}  // namespace

TEST_CASE("a well-formed call passes") { CHECK(liandong::intake::ValidateSubmitCall(Good()).ok()); }

TEST_CASE("each bad field is named with its reason") {
  auto r = Good();
  r.set_side(v1::SIDE_UNSPECIFIED);
  CHECK(Why(r).rfind("side: required", 0) == 0);
  r = Good();
  r.set_side(static_cast<v1::Side>(7));
  CHECK(Why(r) == "side: unknown value 7");
  r = Good();
  r.set_channel(v1::CHANNEL_UNSPECIFIED);
  CHECK(Why(r).rfind("channel: required", 0) == 0);
  r = Good();
  r.set_text("   ");
  CHECK(Why(r).rfind("text: required", 0) == 0);
  r = Good();
  r.set_text(std::string(1 << 20, 'a'));
  CHECK(Why(r) == "text: 1048576 bytes exceeds the limit of 8000 bytes");
  r = Good();
  r.set_text(std::string(2001, 'a'));
  CHECK(Why(r) == "text: 2001 characters exceeds the limit of 2000");
  r = Good();
  r.mutable_caller()->set_phone("call me");
  CHECK(Why(r).rfind("caller.phone:", 0) == 0);
  r = Good();
  r.mutable_location()->set_district_code("12a");
  CHECK(Why(r).rfind("location.district_code:", 0) == 0);
}

TEST_CASE("invalid UTF-8 is refused, not classified") {
  CHECK(liandong::ValidateCallText(std::string("\xe4\xb8", 2)).message() ==
        "text: not valid UTF-8");
  CHECK(liandong::ValidateCallText(std::string("\xed\xa0\x80", 3)).message() ==
        "text: not valid UTF-8");  // a UTF-16 surrogate
  CHECK(liandong::ValidateCallText("停水").ok());
}
