#include <catch2/catch.hpp>
#include <memory>

#include "common/utf8.h"
#include "rules/rule_table_loader.h"
#include "triage/normalizer.h"
#include "triage/rule_classifier.h"

namespace v1 = liandong::v1;
using liandong::triage::RuleClassifier;

namespace {

const RuleClassifier& Classifier() {
  static const RuleClassifier* classifier = [] {
    auto table = liandong::rules::LoadRuleTable(liandong::rules::DefaultRuleTablePath());
    if (!table.ok()) throw std::runtime_error(std::string(table.status().message()));
    auto index = std::make_shared<const liandong::rules::RuleIndex>(*std::move(table));
    return new RuleClassifier(index, {});
  }();
  return *classifier;
}

v1::Triage Classify(const std::string& text, v1::Side side = v1::SIDE_110) {
  return Classifier().Classify(side, v1::CHANNEL_PHONE, text);
}

bool HasEvidence(const v1::Triage& t, const std::string& kind) {
  for (const auto& e : t.evidence()) {
    if (e.kind() == kind) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("normalisation folds width, case, spaces and punctuation") {
  using liandong::EncodeUtf8;
  CHECK(EncodeUtf8(liandong::triage::Normalize("ＡＢＣ １２３")) == "abc123");
  CHECK(EncodeUtf8(liandong::triage::Normalize("停水了，没人管！！")) == "停水了|没人管\u2016");
}

TEST_CASE("a lift with someone trapped goes to 110 with a handover to the lift's agency") {
  const auto t = Classify("小区电梯突然停了，有人被困在里面出不来");
  CHECK(t.disposition() == v1::EMERGENCY_110);
  CHECK(t.handover_item() == "elevator_fault");
  CHECK(HasEvidence(t, "trigger"));
  CHECK_FALSE(t.reason().empty());
}

TEST_CASE("a negated trigger does not escalate: 没人被困 is not 有人被困") {
  const auto t = Classify("电梯坏了好几天了，没人被困，就是老人上下楼不方便");
  CHECK(t.disposition() == v1::TRANSFER_12345);
  CHECK(t.item() == "elevator_fault");
  CHECK(HasEvidence(t, "negated"));
}

TEST_CASE("a gas smell is an emergency, a gas repair is not") {
  const auto smell = Classify("厨房里闻到很浓的燃气味，不敢开灯");
  CHECK(smell.disposition() == v1::EMERGENCY_110);
  CHECK(smell.handover_item() == "gas_supply");
  const auto repair = Classify("家里燃气灶打不着火了，想报修一下燃气");
  CHECK(repair.disposition() == v1::TRANSFER_12345);
  CHECK(repair.item() == "gas_supply");
}

TEST_CASE("ordinary non-police matters go to their item") {
  CHECK(Classify("我们小区停水两天了，水龙头一滴水都没有").item() == "water_outage");
  CHECK(Classify("门口那条路的路灯晚上一直不亮，黑灯瞎火的").item() == "streetlight");
  CHECK(Classify("老板拖欠了我们三个月工资，一直不给").item() == "wage_arrears");
}

TEST_CASE("police matters and violence") {
  const auto fraud = Classify("我在网上被人骗了三千块钱，对方说刷单返利", v1::SIDE_12345);
  CHECK(fraud.disposition() == v1::POLICE_110);
  CHECK(fraud.police_class() == "fraud");
  CHECK(Classify("楼下有人拿着刀在追人").disposition() == v1::EMERGENCY_110);
  CHECK(Classify("邻居吵架打起来了，有人头破血流").disposition() == v1::EMERGENCY_110);
}

TEST_CASE("a suggestion records versions, confidence and alternatives") {
  const auto t = Classify("楼上装修噪音太大了，晚上十一点还在施工");
  CHECK(t.rules_version() == "2026.11-ref.2");
  CHECK(t.model_version() == RuleClassifier::kModelVersion);
  CHECK(t.confidence() > 0.0);
  CHECK(t.confidence() <= 1.0);
  for (const auto& alt : t.alternatives()) CHECK(alt.confidence() <= t.confidence());
}

TEST_CASE("text with nothing recognisable is JOINT and flagged for review") {
  const auto t = Classify("嗯，那个，就是想问一下");
  CHECK(t.needs_review());
  CHECK(t.confidence() < 0.6);
}

TEST_CASE("any bytes are classified without a crash") {
  const std::string garbage("\xff\xfe\x80 abc \xe4\xb8", 10);
  const auto t = Classify(garbage);
  CHECK(t.disposition() != v1::DISPOSITION_UNSPECIFIED);
  CHECK(Classify("").disposition() != v1::DISPOSITION_UNSPECIFIED);
}
