// Duplicates are found by place, never by substring: vague addresses name no place.
#include "workflow/place_key.h"

#include <catch2/catch.hpp>

using liandong::workflow::PlaceKey;

TEST_CASE("addresses too vague to name a place have no key") {
  for (const char* vague : {"号", "8", "A", "鼓楼区", "南京市鼓楼区", "中山路",
                            "江苏省南京市玄武区", "附近", "", "   ", "8号", "3栋", "路口"}) {
    INFO(vague);
    CHECK_FALSE(PlaceKey(vague).has_value());
  }
}

TEST_CASE("the same road and number written differently is one place") {
  const auto key = PlaceKey("中山路8号");
  REQUIRE(key.has_value());
  CHECK(*key == "R:中山路#8");
  for (const char* variant : {"南京市鼓楼区中山路8号", "中山路 8 号", "中山路８号", "中山路八号",
                              "鼓楼区中山路8号3单元", "江苏省南京市鼓楼区湖南路街道中山路8号院"}) {
    INFO(variant);
    CHECK(PlaceKey(variant) == key);
  }
  CHECK(PlaceKey("中山路18号") != key);
  CHECK(PlaceKey("中山北路8号") != key);
  CHECK(PlaceKey("一百零八号") == std::nullopt);
  CHECK(PlaceKey("中山路一百零八号") == std::optional<std::string>("R:中山路#108"));
}

TEST_CASE("a named estate and its building") {
  CHECK(PlaceKey("阳光小区3栋2单元") == std::optional<std::string>("C:阳光小区#3"));
  CHECK(PlaceKey("鼓楼区阳光小区三号楼") == std::optional<std::string>("C:阳光小区#3"));
  CHECK(PlaceKey("阳光小区") == std::optional<std::string>("C:阳光小区"));
  CHECK(PlaceKey("阳光小区4栋") != PlaceKey("阳光小区3栋"));
}

TEST_CASE("a crossing is the same whichever road is named first") {
  const auto key = PlaceKey("中山路与北京路交叉口");
  REQUIRE(key.has_value());
  CHECK(PlaceKey("北京路和中山路路口") == key);
  CHECK(PlaceKey("鼓楼区北京路中山路交叉口") == key);
  CHECK(PlaceKey("中山路与上海路交叉口") != key);
}
