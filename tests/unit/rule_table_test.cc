#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "absl/strings/str_replace.h"
#include "rules/rule_index.h"
#include "rules/rule_table_loader.h"

using liandong::rules::LoadRuleTable;
using liandong::rules::ParseRuleTable;

namespace {

// The 50 transferable items of ../shared/policy/linkage-policy.md §3.
const std::set<std::string> kPolicyItems = {"water_outage",
                                            "power_outage",
                                            "gas_supply",
                                            "heating",
                                            "streetlight",
                                            "manhole_cover",
                                            "drain_blockage",
                                            "road_damage",
                                            "street_vending",
                                            "illegal_construction",
                                            "garbage",
                                            "illegal_ads",
                                            "greenery",
                                            "stray_animal",
                                            "dead_animal",
                                            "property_dispute",
                                            "elevator_fault",
                                            "house_leak",
                                            "community_parking",
                                            "corridor_clutter",
                                            "wage_arrears",
                                            "labor_contract",
                                            "social_insurance",
                                            "work_injury",
                                            "consumer_dispute",
                                            "food_safety",
                                            "price_fraud",
                                            "prepaid_card",
                                            "unlicensed_business",
                                            "construction_noise",
                                            "commercial_noise",
                                            "cooking_fumes",
                                            "pollution_odor",
                                            "open_burning",
                                            "taxi_complaint",
                                            "bus_service",
                                            "car_move",
                                            "vehicle_breakdown",
                                            "shared_bike",
                                            "hardship_aid",
                                            "vagrant_aid",
                                            "medical_complaint",
                                            "elderly_disabled",
                                            "funeral",
                                            "unlock_door",
                                            "animal_in_home",
                                            "neighbor_dispute",
                                            "contract_debt",
                                            "family_trivia",
                                            "lost_item"};

const std::set<std::string> kPolicyCategories = {
    "municipal_utilities", "urban_management",  "property_housing", "labor_social_security",
    "market_consumer",     "environment_noise", "transport",        "social_services",
    "civil_help"};

// A minimal valid table, to break one field at a time.
const char kMinimal[] = R"pb(
  version: "t1"
  effective_date: "2026-01-01"
  sides { side: SIDE_110 destination: "110" sla_tier: "P" }
  sides { side: SIDE_12345 destination: "12345" sla_tier: "P" }
  dispositions { disposition: EMERGENCY_110 }
  dispositions { disposition: POLICE_110 }
  dispositions { disposition: TRANSFER_12345 }
  dispositions { disposition: DIRECT_ANSWER }
  dispositions { disposition: JOINT }
  dispositions { disposition: INVALID }
  dispositions { disposition: OUT_OF_SCOPE }
  sla_tiers {
    id: "P"
    sign_for { minutes: 30 }
    resolve { minutes: 1440 }
  }
  agencies { id: "water" name: "供水" side: SIDE_12345 }
  categories {
    id: "utilities"
    name: "市政"
    items { id: "water_outage" name: "停水" agency: "water" sla_tier: "P" keywords: "停水" }
  }
  joint { first_acceptor: SIDE_12345 three_way_call: true }
)pb";

}  // namespace

TEST_CASE("the default rule table holds the whole reference policy") {
  auto table = LoadRuleTable(liandong::rules::DefaultRuleTablePath());
  REQUIRE(table.ok());
  liandong::rules::RuleIndex index(*table);
  std::set<std::string> categories;
  std::set<std::string> items;
  for (const auto& c : table->categories()) {
    categories.insert(c.id());
    for (const auto& i : c.items()) {
      items.insert(i.id());
      CHECK(index.FindAgency(i.agency()) != nullptr);
      CHECK(index.FindTier(i.sla_tier()) != nullptr);
      CHECK(i.keywords_size() >= 5);
    }
  }
  CHECK(categories == kPolicyCategories);
  CHECK(items == kPolicyItems);
  CHECK_FALSE(table->version().empty());
  CHECK(table->police_classes_size() >= 10);
  CHECK(table->risk_cues_size() >= 5);
  CHECK(table->joint().first_acceptor() == liandong::v1::SIDE_12345);
  // The escalation the policy names for lifts: someone trapped flips to 110 with a handover.
  const auto* lift = index.FindItem("elevator_fault");
  REQUIRE(lift != nullptr);
  REQUIRE(lift->escalations_size() > 0);
  CHECK(lift->escalations(0).handover());
}

TEST_CASE("a minimal table is accepted") {
  auto table = ParseRuleTable(kMinimal, "minimal.textproto");
  INFO(table.status().message());
  CHECK(table.ok());
}

TEST_CASE("a syntax error is refused with file, line and column") {
  auto table = ParseRuleTable(std::string(kMinimal) + "\nno_such_field: 1\n", "bad.textproto");
  REQUIRE_FALSE(table.ok());
  CHECK(table.status().code() == absl::StatusCode::kInvalidArgument);
  const std::string msg(table.status().message());
  CHECK(msg.find("bad.textproto:") != std::string::npos);
  CHECK(msg.find("no_such_field") != std::string::npos);
}

TEST_CASE("every semantic problem is listed at once") {
  std::string text = kMinimal;
  // Three independent faults: unknown agency, unknown tier, a duplicate item id.
  text +=
      R"pb(categories {
             id: "more"
             name: "更多"
             items { id: "water_outage" name: "重复" agency: "nobody" sla_tier: "T9" keywords: "x" }
           })pb";
  auto table = ParseRuleTable(text, "three.textproto");
  REQUIRE_FALSE(table.ok());
  const std::string msg(table.status().message());
  CHECK(msg.find("3 problems") != std::string::npos);
  CHECK(msg.find("unknown agency 'nobody'") != std::string::npos);
  CHECK(msg.find("unknown SLA tier 'T9'") != std::string::npos);
  CHECK(msg.find("duplicate item 'water_outage'") != std::string::npos);
  CHECK(msg.find("three.textproto: categories[1].items[0]") != std::string::npos);
}

TEST_CASE("a table without its sides or dispositions is refused") {
  const std::string text = absl::StrReplaceAll(
      kMinimal, {{"version: \"t1\"", "version: \"\""}, {"2026-01-01", "someday"}});
  auto no_version = ParseRuleTable(text, "v.textproto");
  REQUIRE_FALSE(no_version.ok());
  const std::string msg(no_version.status().message());
  CHECK(msg.find("version: is required") != std::string::npos);
  CHECK(msg.find("effective_date: 'someday' is not YYYY-MM-DD") != std::string::npos);

  auto missing =
      ParseRuleTable(R"pb(version: "x" effective_date: "2026-01-01")pb", "empty.textproto");
  REQUIRE_FALSE(missing.ok());
  const std::string m2(missing.status().message());
  CHECK(m2.find("SIDE_110 is missing") != std::string::npos);
  CHECK(m2.find("EMERGENCY_110 is missing") != std::string::npos);
  CHECK(m2.find("joint.first_acceptor") != std::string::npos);
}

TEST_CASE("a missing file is NOT_FOUND") {
  auto table = LoadRuleTable("/nonexistent/rules.textproto");
  CHECK(table.status().code() == absl::StatusCode::kNotFound);
}
