// The safety layer's scope (tense, modality, hearsay, harmless compounds), soft cues, the
// signal tokens the model reads, and how long texts are split into chunks: each on a small
// table and lexicon of its own, so each case tests one rule.
#include "triage/scope.h"

#include <catch2/catch.hpp>

#include "common/text_proto.h"
#include "triage/chunks.h"
#include "triage/features.h"
#include "triage/normalizer.h"
#include "triage/rule_scanner.h"
#include "triage/signal_tokens.h"

namespace triage = liandong::triage;
namespace v1 = liandong::v1;

namespace {

constexpr char kTable[] = R"pb(
  version: "scope-test"
  categories {
    id: "civil_help"
    items {
      id: "neighbor_dispute"
      keywords: [ "邻居" ]
    }
  }
  police_classes {
    id: "fire"
    keywords: [ "着火" ]
    always_emergency: true
  }
  risk_cues {
    id: "self_harm"
    phrases: [ "跳楼" ]
    reason: "自伤"
  }
  risk_cues {
    id: "threat"
    phrases: [ "要弄死" ]
    reason: "威胁"
  }
  negation_words: [ "没" ]
)pb";

constexpr char kScope[] = R"pb(
  present: [ "现在", "刚刚" ]
  past: [ "上个月", "已经扑灭" ]
  hypothetical: [ "就怕" ]
  reported: [ "听说" ]
  harmless_compounds: [ "跳楼机" ]
  agency_words: [ "物业", "城管", "街道" ]
  question_words: [ "吗" ]
  soft_cues {
    id: "quarrel"
    phrases: [ "吵起来了" ]
    reason: "争执可能升级"
  }
)pb";

const triage::RuleScanner& Scanner() {
  static const triage::RuleScanner* scanner = [] {
    v1::RuleTable table;
    v1::ScopeLexicon scope;
    if (!liandong::ParseTextProto(kTable, "scope-test", &table).ok() ||
        !liandong::ParseTextProto(kScope, "scope-test", &scope).ok()) {
      throw std::runtime_error("bad test data");
    }
    return new triage::RuleScanner(std::make_shared<liandong::rules::RuleIndex>(table), scope);
  }();
  return *scanner;
}

bool Fires(const std::string& text) {
  return Scanner().Scan(triage::Normalize(text)).emergency.has_value();
}

std::string WhyDisarmed(const std::string& text) {
  const auto s = Scanner().Scan(triage::Normalize(text));
  return s.disarmed.empty() ? "" : s.disarmed.front().second;
}

bool HasToken(const std::vector<triage::Token>& tokens, const std::string& text) {
  for (const auto& t : tokens) {
    if (t.text == text) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("past, feared and reported events disarm a trigger in their sentence") {
  CHECK(Fires("楼下着火了"));
  CHECK_FALSE(Fires("上个月楼下着火了"));
  CHECK(WhyDisarmed("上个月楼下着火了") == "past");
  CHECK_FALSE(Fires("楼道堆满纸箱，就怕着火"));
  CHECK(WhyDisarmed("楼道堆满纸箱，就怕着火") == "hypothetical");
  CHECK_FALSE(Fires("听说隔壁小区有人要跳楼"));
  CHECK(WhyDisarmed("听说隔壁小区有人要跳楼") == "reported");
  // A finished event, said after the trigger.
  CHECK_FALSE(Fires("厨房着火了，已经扑灭了"));
}

TEST_CASE("now and just now arm and the scope ends at the sentence") {
  // The nearest marker in the trigger's clause decides.
  CHECK(Fires("上个月也吵过，现在他说要弄死我"));
  CHECK(Fires("上个月着过一次火。楼下着火了"));
  CHECK(Fires("就怕这种事。刚刚他说要弄死我"));
}

TEST_CASE("harmless compounds and negation disarm") {
  CHECK_FALSE(Fires("游乐场的跳楼机坏了"));
  CHECK(WhyDisarmed("游乐场的跳楼机坏了") == "benign");
  CHECK(Fires("有人站在楼顶要跳楼"));
  CHECK_FALSE(Fires("楼下没着火"));
}

TEST_CASE("a soft cue raises doubt without forcing 110") {
  const auto s = Scanner().Scan(triage::Normalize("邻居为噪音吵起来了"));
  CHECK_FALSE(s.emergency);
  REQUIRE(s.doubt);
  CHECK(s.doubt->trigger_id == "quarrel");
  CHECK_FALSE(Scanner().Scan(triage::Normalize("上个月邻居吵起来了")).doubt);
}

TEST_CASE("the model reads the rule signals as tokens") {
  const std::u32string text = triage::Normalize("物业说找城管，城管说找街道，上个月着火了吗");
  const auto signals = Scanner().Scan(text);
  CHECK(signals.agencies == 3);
  CHECK(signals.question);
  const auto tokens = triage::SignalTokens(signals, Scanner(), static_cast<int>(text.size()));
  CHECK(HasToken(tokens, "§org:3+"));
  CHECK(HasToken(tokens, "§q"));
  CHECK(HasToken(tokens, "§past"));
  CHECK(HasToken(tokens, "§off:past"));
  CHECK(HasToken(tokens, "§off:fire:past"));
  CHECK_FALSE(HasToken(tokens, "§arm"));
  const auto armed = Scanner().Scan(triage::Normalize("邻居说要弄死我"));
  const auto armed_tokens = triage::SignalTokens(armed, Scanner(), 0);
  CHECK(HasToken(armed_tokens, "§arm:threat"));
  CHECK(HasToken(armed_tokens, "§kw:neighbor_dispute"));
  // In the document, every signal stands alone after a break (never an n-gram of two).
  const auto doc = triage::ModelDocument(triage::Normalize("邻居说要弄死我"), armed, Scanner());
  for (size_t i = 1; i < doc.size(); ++i) {
    if (doc[i].text.rfind("§", 0) == 0) CHECK(doc[i - 1].text == "|");
  }
}

TEST_CASE("a short call is one chunk and a post splits into its title and sentence chunks") {
  const std::u32string call = triage::Normalize("电梯坏了，困了人。快来");
  const auto call_tokens = triage::ModelTokens(call);
  const auto one = triage::ChunkText(call, call_tokens, 0);
  REQUIRE(one.size() == 1);
  CHECK(one[0].end == static_cast<int>(call_tokens.size()));

  std::string body;
  for (int i = 0; i < 12; ++i) body += "小区门口的路灯已经坏了很久，晚上走路很不方便。";
  std::u32string post = triage::Normalize("路灯不亮");
  post.push_back(triage::kSentenceBreak);
  const int title_end = static_cast<int>(post.size());
  post += triage::Normalize(body);
  const auto tokens = triage::ModelTokens(post);
  const auto chunks = triage::ChunkText(post, tokens, title_end);
  REQUIRE(chunks.size() >= 3);
  CHECK(chunks[0].weight == 2);  // the title
  CHECK(chunks[0].begin == 0);
  CHECK(chunks[1].weight == 1);
  // Chunks cover every token once, in order, and each is at most about chunk_chars long.
  for (size_t c = 1; c < chunks.size(); ++c) {
    CHECK(chunks[c].begin == chunks[c - 1].end);
    CHECK(tokens[chunks[c].end - 1].end - tokens[chunks[c].begin].start <= 110);
  }
  CHECK(chunks.back().end == static_cast<int>(tokens.size()));
}
