// The safety layer's phrase rules on a small table of its own, so each case tests one rule:
// negation scope, requires_any / unless_any context, and benign phrases.
#include "triage/rule_scanner.h"

#include <catch2/catch.hpp>

#include "common/text_proto.h"
#include "triage/normalizer.h"

namespace triage = liandong::triage;
namespace v1 = liandong::v1;

namespace {

constexpr char kTable[] = R"pb(
  version: "scanner-test"
  categories {
    id: "property_housing"
    items {
      id: "elevator_fault"
      keywords: [ "电梯" ]
      escalations {
        id: "lift_trapped"
        phrases: [ "被困" ]
        reason: "电梯困人"
        handover: true
      }
    }
  }
  police_classes {
    id: "robbery"
    keywords: [ "抢劫" ]
    always_emergency: true
  }
  risk_cues {
    id: "cry_for_help"
    phrases: [ "求救" ]
    reason: "有人呼救"
  }
  risk_cues {
    id: "smoke"
    phrases: [ "浓烟" ]
    reason: "浓烟"
    requires_any: [ "楼" ]
    unless_any: [ "烧烤" ]
  }
  negation_words: [ "没人", "哪天" ]
  negation_window: 4
  benign_phrases: [ "求救助", "就是抢劫" ]
)pb";

const triage::RuleScanner& Scanner() {
  static const triage::RuleScanner* scanner = [] {
    v1::RuleTable table;
    const absl::Status parsed = liandong::ParseTextProto(kTable, "scanner-test", &table);
    if (!parsed.ok()) throw std::runtime_error(std::string(parsed.message()));
    return new triage::RuleScanner(std::make_shared<liandong::rules::RuleIndex>(table));
  }();
  return *scanner;
}

std::string FiredTrigger(const std::string& text) {
  const auto signals = Scanner().Scan(triage::Normalize(text));
  return signals.emergency ? signals.emergency->trigger_id : "";
}

bool HasEvidence(const std::string& text, const std::string& kind) {
  for (const auto& e : Scanner().Scan(triage::Normalize(text)).other_evidence) {
    if (e.kind() == kind) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("a trigger fires unless a negation word stands shortly before it in its clause") {
  CHECK(FiredTrigger("电梯停了，有人被困") == "lift_trapped");
  CHECK(FiredTrigger("电梯停了，没人被困") == "");
  CHECK(HasEvidence("电梯停了，没人被困", "negated"));
  // The negation's scope ends at the clause break.
  CHECK(FiredTrigger("刚才没人，现在有人被困") == "lift_trapped");
  // A hypothetical is not an event.
  CHECK(FiredTrigger("楼道里堆满了纸箱，就怕哪天被困在里面") == "");
}

TEST_CASE("requires_any ties a phrase to its context, unless_any names a harmless source") {
  CHECK(FiredTrigger("楼里全是浓烟") == "smoke");
  CHECK(FiredTrigger("山上浓烟滚滚") == "");        // no building named
  CHECK(FiredTrigger("楼下烧烤摊浓烟滚滚") == "");  // the smoke's source is harmless
}

TEST_CASE("a trigger inside a benign phrase does not fire") {
  CHECK(FiredTrigger("有人在喊求救") == "cry_for_help");
  CHECK(FiredTrigger("家里困难，想请求救助") == "");
  CHECK(HasEvidence("家里困难，想请求救助", "benign"));
  // Always-emergency police classes honour benign phrases too.
  CHECK(FiredTrigger("路口有人抢劫") == "robbery");
  CHECK(FiredTrigger("修个屏幕收一千五，这不就是抢劫吗") == "");
}
