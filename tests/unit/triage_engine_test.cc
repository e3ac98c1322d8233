// The triage engine with the installed model: the safety layer's overrides, negation, and the
// shape of every suggestion (alternatives, evidence, versions, review flag).
#include "triage/triage_engine.h"

#include <catch2/catch.hpp>
#include <sstream>

#include "absl/strings/match.h"
#include "default_rules.h"
#include "triage/batch.h"
#include "triage/engine_factory.h"

namespace triage = liandong::triage;
namespace v1 = liandong::v1;

namespace {

std::shared_ptr<const liandong::rules::RuleIndex> Rules() {
  return liandong::testing::DefaultRules();
}

const triage::EngineFactory& Factory() {
  static const triage::EngineFactory* factory = [] {
    triage::EngineConfig config;
    config.model_path = triage::DefaultModelPath();
    config.normalization_path = triage::DefaultNormalizationPath();
    auto f = triage::EngineFactory::Load(config);
    if (!f.ok()) throw std::runtime_error(std::string(f.status().message()));
    return new triage::EngineFactory(*std::move(f));
  }();
  return *factory;
}

v1::Triage Classify(const std::string& text) {
  static const auto engine = Factory().Build(Rules());
  return engine->Classify(v1::SIDE_110, v1::CHANNEL_PHONE, text);
}

bool HasEvidence(const v1::Triage& t, const std::string& kind, const std::string& text = "") {
  for (const auto& e : t.evidence()) {
    if (e.kind() == kind && (text.empty() || absl::StrContains(e.text(), text))) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("someone trapped in a lift: 110 first, handover to the lift's agency, and why") {
  const auto t = Classify("小区电梯突然停了，有人被困在里面出不来");
  CHECK(t.disposition() == v1::EMERGENCY_110);
  CHECK(t.handover_item() == "elevator_fault");
  CHECK(HasEvidence(t, "trigger", "被困"));
  CHECK(absl::StrContains(t.reason(), "电梯困人"));
}

TEST_CASE("a stopped lift with someone inside is treated as someone trapped") {
  const auto t = Classify("单元电梯不动了，里面有人在拍门");
  CHECK(t.disposition() == v1::EMERGENCY_110);
  CHECK(t.handover_item() == "elevator_fault");
  CHECK(HasEvidence(t, "trigger", "拍门"));
}

TEST_CASE("a denied danger is not an emergency: 电梯坏了，没人被困") {
  const auto t = Classify("电梯坏了好几天了，没人被困，就是老人上下楼不方便");
  CHECK(t.disposition() == v1::TRANSFER_12345);
  CHECK(t.item() == "elevator_fault");
  CHECK(t.category() == "property_housing");
  CHECK(HasEvidence(t, "negated"));
}

TEST_CASE("risk cues force EMERGENCY_110 whatever the model thinks") {
  const char* texts[] = {
      "楼下有个人拿着刀在追人",            // weapon
      "对面楼三楼窗户往外冒黑烟，着火了",  // fire
      "厨房里一股很浓的煤气味",            // gas smell, with a handover
      "我不想活了，药已经买好了",          // self-harm
      "几十个工人因为讨薪把马路堵了",      // crowd
  };
  for (const char* text : texts) {
    INFO(text);
    const auto t = Classify(text);
    CHECK(t.disposition() == v1::EMERGENCY_110);
    CHECK_FALSE(t.reason().empty());
  }
  CHECK(Classify("厨房里一股很浓的煤气味").handover_item() == "gas_supply");
}

TEST_CASE("a plain city matter is transferred with its item and a calibrated confidence") {
  const auto t = Classify("我们楼从昨天晚上开始停水，水龙头一滴水都没有");
  CHECK(t.disposition() == v1::TRANSFER_12345);
  CHECK(t.item() == "water_outage");
  CHECK(t.confidence() > 0.5);
  CHECK(t.confidence() <= 1.0);
}

TEST_CASE("every suggestion carries three distinct alternatives, evidence and versions") {
  const auto t = Classify("楼下饭馆的油烟直接排到我家窗户，呛得不行");
  REQUIRE(t.alternatives_size() == 3);
  double previous = 1.0;
  for (const auto& a : t.alternatives()) {
    CHECK_FALSE((a.disposition() == t.disposition() && a.item() == t.item()));
    CHECK(a.confidence() <= previous);
    CHECK(a.confidence() <= t.confidence());
    previous = a.confidence();
  }
  CHECK(HasEvidence(t, "feature"));
  CHECK(t.rules_version() == Rules()->version());
  CHECK(t.model_version() == Factory().model_version());
  CHECK(t.model_version().rfind("lin-", 0) == 0);
}

TEST_CASE("needs_review follows the configured threshold") {
  triage::EngineOptions strict;
  strict.review_threshold = 1.01;
  triage::EngineOptions lax;
  lax.review_threshold = 0.0;
  auto model = Factory().model();
  auto normalizer = std::make_shared<const triage::TextNormalizer>();
  const triage::TriageEngine strict_engine(Rules(), model, normalizer, strict);
  const triage::TriageEngine lax_engine(Rules(), model, normalizer, lax);
  const std::string text = "小区门口的路灯坏了一个星期了";
  CHECK(strict_engine.Classify(v1::SIDE_110, {}, text).needs_review());
  CHECK_FALSE(lax_engine.Classify(v1::SIDE_110, {}, text).needs_review());
}

TEST_CASE("texts with nothing to go on do not crash and ask for review") {
  for (const char* text : {"", "12345", "？？？", "😀😀", "abc def"}) {
    INFO(text);
    const auto t = Classify(text);
    CHECK(t.disposition() != v1::DISPOSITION_UNSPECIFIED);
    CHECK(t.confidence() >= 0.0);
  }
}

TEST_CASE("the rule table decides what may be transferred: a removed item is never suggested") {
  v1::RuleTable table = Rules()->table();
  for (auto& category : *table.mutable_categories()) {
    auto* items = category.mutable_items();
    for (int i = 0; i < items->size(); ++i) {
      if (items->Get(i).id() == "water_outage") {
        items->DeleteSubrange(i, 1);
        break;
      }
    }
  }
  auto without = std::make_shared<const liandong::rules::RuleIndex>(table);
  const auto engine = Factory().Build(without);
  const auto t = engine->Classify(v1::SIDE_110, {}, "我们楼从昨天晚上开始停水，水龙头一滴水都没有");
  CHECK(t.item() != "water_outage");
  for (const auto& a : t.alternatives()) CHECK(a.item() != "water_outage");
}

TEST_CASE("a fire in the past or feared is not an emergency and one burning now is") {
  const auto past = Classify("上个月楼下饭店后厨着火了一回，现在油烟还是直接往我家窗户排");
  CHECK(past.disposition() != v1::EMERGENCY_110);
  CHECK(HasEvidence(past, "past"));
  const auto feared = Classify("楼道里堆满了纸箱子，就怕哪天着火了人跑不出去，让物业清一清");
  CHECK(feared.disposition() == v1::TRANSFER_12345);
  const auto now = Classify("楼下饭店后厨着火了，火苗往上窜，现在烟进了楼道");
  CHECK(now.disposition() == v1::EMERGENCY_110);
}

TEST_CASE("a harmless compound holding a danger word is not an emergency") {
  const auto t = Classify("游乐园的跳楼机停了一下午，门票不给退，我要投诉");
  CHECK(t.disposition() != v1::EMERGENCY_110);
  CHECK(HasEvidence(t, "benign", "跳楼"));
}

TEST_CASE("a consultation names the item it is about") {
  const auto t = Classify("请问今年冬天几号开始供暖，暖气费在哪里交？");
  CHECK(t.disposition() == v1::DIRECT_ANSWER);
  CHECK(t.item() == "heating");
}

TEST_CASE("a long post with a title that names several offices goes to its one item") {
  static const auto engine = Factory().Build(Rules());
  std::string body = "我家住在滨河路东段，门前这一段路的路灯已经坏了一个多月。";
  body += "我先找了物业，物业说路灯不归小区管；又找了街道，街道让我找市政；";
  body += "市政说会登记，可到现在还是一盏都不亮。晚上下班回家路上一片漆黑，";
  body += "老人孩子出门都要打手电，附近还有一所小学，家长们都很担心安全。";
  body += "希望有关部门尽快派人维修路灯，也希望以后能定期巡查。谢谢！";
  const auto t =
      engine->ClassifyPost(v1::SIDE_12345, v1::CHANNEL_ONLINE, "滨河路东段路灯长期不亮", body);
  CHECK(t.disposition() == v1::TRANSFER_12345);
  CHECK(t.item() == "streetlight");
  CHECK(t.category() == "municipal_utilities");
  // The title is read as the text's first sentence: its words can be evidence.
  const auto untitled = engine->ClassifyPost(v1::SIDE_12345, v1::CHANNEL_ONLINE, "", body);
  CHECK(untitled.disposition() == v1::TRANSFER_12345);
}

TEST_CASE("a possible danger that is not routed to 110 is flagged with 110 first") {
  // Whatever the route, a call with an armed soft cue is either 110 or needs review with
  // EMERGENCY_110 as its first alternative.
  for (const char* text : {"隔壁两口子吵起来了，声音挺大，孩子在哭",
                           "我妈七十多了，今天出门买菜，一直没回来，电话也联系不上",
                           "我朋友最近老说活着没意思，今天一整天都不回消息"}) {
    const auto t = Classify(text);
    INFO(text);
    if (t.disposition() != v1::EMERGENCY_110) {
      CHECK(t.needs_review());
      REQUIRE(t.alternatives_size() > 0);
      CHECK(t.alternatives(0).disposition() == v1::EMERGENCY_110);
      CHECK(absl::StrContains(t.reason(), "110"));
    }
  }
}

TEST_CASE("batch reads an optional title column and prints an answer's item") {
  static const auto engine = Factory().Build(Rules());
  std::istringstream in(
      "id\tside\ttitle\ttext\n"
      "p1\t12345\t门前路灯一个月不亮\t已经反映过很多次了，到现在还是没人来修，请尽快处理。\n"
      "p2\t12345\t-\t请问今年冬天几号开始供暖，暖气费在哪里交？\n"
      "p3\t12345\tonly a title\n");
  std::ostringstream out, errors;
  triage::BatchStats stats;
  REQUIRE(triage::RunBatch(*engine, in, out, errors, &stats, 2).ok());
  CHECK(stats.rows == 2);
  CHECK(stats.skipped == 1);
  CHECK(absl::StrContains(out.str(), "p1\tTRANSFER_12345\tstreetlight\t"));
  CHECK(absl::StrContains(out.str(), "p2\tDIRECT_ANSWER\theating\t"));
  CHECK(absl::StrContains(errors.str(), "line 4"));
}
