#include "text_width.h"

#include <catch2/catch.hpp>

using liandong::desk::DisplayWidth;
using liandong::desk::PadRight;

TEST_CASE("Chinese text takes two columns per character in desk tables") {
  CHECK(DisplayWidth("abc") == 3);
  CHECK(DisplayWidth("停水") == 4);
  CHECK(DisplayWidth("电梯坏了ok") == 10);
  CHECK(PadRight("停水", 6) == "停水  ");
  CHECK(PadRight("被困", 3) == "被困");  // already wider: unchanged
}
