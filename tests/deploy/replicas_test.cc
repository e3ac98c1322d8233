// Several replicas are correct: two dispatch and two feedback processes on one Redis share the
// consumer groups, fire each SLA clock once, and all reload an edited rule table.
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "flow_helpers.h"
#include "google/protobuf/text_format.h"
#include "partner.h"
#include "rules/rule_table_loader.h"
#include "temp_dir.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

// The default table with T1 sign-for scaled to 1 s, under `version`.
void WriteRules(const std::string& path, const std::string& version) {
  auto table = liandong::rules::LoadRuleTable(liandong::rules::DefaultRuleTablePath());
  REQUIRE(table.ok());
  table->set_version(version);
  for (auto& tier : *table->mutable_sla_tiers()) {
    if (tier.id() != "T1") continue;
    tier.mutable_sign_for()->Clear();
    tier.mutable_sign_for()->set_seconds(1);
  }
  std::string text;
  google::protobuf::TextFormat::PrintToString(*table, &text);
  const std::string tmp = path + ".tmp";
  std::ofstream(tmp) << text;
  std::rename(tmp.c_str(), path.c_str());  // atomic, as a ConfigMap update is
}

bool Eventually(const std::function<bool()>& condition, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return true;
}

SuiteOptions TwoReplicas(const std::string& rules) {
  const std::vector<std::string> reload = {"--rules_reload_ms", "200"};
  std::vector<std::string> feedback = reload;
  feedback.insert(feedback.end(), {"--clock_interval_ms", "100"});
  return SuiteOptions{"everysec",
                      {{"intake", reload},
                       {"classification", reload},
                       {"dispatch", reload},
                       {"feedback", feedback}},
                      rules,
                      /*second_replicas=*/true};
}

constexpr char kWater[] = "agency:water_company";
constexpr char kWaterCall[] = "我们小区停水两天了，水龙头一滴水都没有";

}  // namespace

TEST_CASE("two dispatch replicas share a destination's consumer group") {
  TempDir dir;
  WriteRules(dir.File("rules.textproto"), "replica-test.1");
  Suite s(TwoReplicas(dir.File("rules.textproto")));
  Partner via_first(s.address("dispatch"), kWater, "agency-a", true);
  Partner via_second(s.address("dispatch-2"), kWater, "agency-b", true);
  via_first.Start();
  via_second.Start();
  std::set<std::string> written;
  for (int i = 0; i < 30; ++i) {
    written.insert(
        SubmitAndConfirmRetrying(s, v1::SIDE_110, kWaterCall, "share-" + std::to_string(i))
            .orders(0)
            .order_id());
  }
  CHECK(Eventually(
      [&] {
        return via_first.signed_ids().size() + via_second.signed_ids().size() == written.size();
      },
      15));
  via_first.Stop();
  via_second.Stop();
  std::set<std::string> all = via_first.received();
  for (const auto& id : via_second.received()) CHECK(all.insert(id).second);  // never both
  CHECK(all == written);
  CHECK_FALSE(via_first.received().empty());
  CHECK_FALSE(via_second.received().empty());
}

TEST_CASE("two feedback replicas fire every SLA clock exactly once") {
  TempDir dir;
  WriteRules(dir.File("rules.textproto"), "replica-test.1");
  Suite s(TwoReplicas(dir.File("rules.textproto")));
  std::vector<std::string> cases;
  for (int i = 0; i < 5; ++i) {  // nobody signs: the 1 s sign-for deadline passes
    cases.push_back(
        SubmitAndConfirmRetrying(s, v1::SIDE_110, kWaterCall, "late-" + std::to_string(i))
            .case_id());
  }
  auto count = [&](const std::string& case_id, const std::string& type) {
    const auto types = TimelineTypes(GetCase(s, case_id));
    return std::count(types.begin(), types.end(), type);
  };
  CHECK(Eventually([&] { return count(cases.back(), "supervision") >= 1; }, 10));
  std::this_thread::sleep_for(std::chrono::seconds(1));  // both sweepers had many chances
  for (const auto& id : cases) {
    CHECK(count(id, "reminder") == 1);     // 80 % of the sign-for time
    CHECK(count(id, "supervision") == 1);  // the missed deadline, once, not once per replica
  }
  CHECK(s.process("feedback").Running());
  CHECK(s.process("feedback-2").Running());
}

TEST_CASE("every replica reloads an edited rule table without a restart") {
  TempDir dir;
  const std::string path = dir.File("rules.textproto");
  WriteRules(path, "replica-test.1");
  Suite s(TwoReplicas(path));
  const auto before = SubmitAndConfirmRetrying(s, v1::SIDE_110, kWaterCall, "before");
  CHECK(before.orders(0).rules_version() == "replica-test.1");

  WriteRules(path, "replica-test.2");
  for (const char* service :
       {"intake", "classification", "dispatch", "dispatch-2", "feedback", "feedback-2"}) {
    INFO(service);
    CHECK(Eventually(
        [&] {
          return s.process(service).Log().find("rule table reloaded: version replica-test.2") !=
                 std::string::npos;
        },
        10));
  }
  v1::RuleTableInfo info;
  REQUIRE(s.classification().GetRuleTableInfo(Ctx(Supervisor()).get(), {}, &info).ok());
  CHECK(info.version() == "replica-test.2");
  const auto after = SubmitAndConfirmRetrying(s, v1::SIDE_110, "门口路灯一直不亮", "after");
  CHECK(after.suggested().rules_version() == "replica-test.2");
  CHECK(after.orders(0).rules_version() == "replica-test.2");

  // A broken edit is refused everywhere and the running table stays.
  std::ofstream(path) << "version: \"broken\"\nno_such_field: 1\n";
  CHECK(Eventually(
      [&] {
        return s.process("dispatch").Log().find("reload refused, keeping version replica-test.2") !=
               std::string::npos;
      },
      10));
  REQUIRE(s.classification().GetRuleTableInfo(Ctx(Supervisor()).get(), {}, &info).ok());
  CHECK(info.version() == "replica-test.2");
}
