// Normalisation: width, punctuation and case in code; homophones and typos as data.
#include "triage/normalizer.h"

#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "common/utf8.h"

namespace triage = liandong::triage;
using liandong::EncodeUtf8;

namespace {

triage::TextNormalizer WithCorrections(
    std::initializer_list<std::pair<const char*, const char*>> pairs) {
  liandong::v1::NormalizationTable table;
  table.set_version("t1");
  for (const auto& [from, to] : pairs) {
    auto* c = table.add_corrections();
    c->set_from(from);
    c->set_to(to);
  }
  auto n = triage::TextNormalizer::FromTable(table);
  REQUIRE(n.ok());
  return *std::move(n);
}

}  // namespace

TEST_CASE("full-width letters and digits fold, punctuation becomes clause breaks") {
  CHECK(EncodeUtf8(triage::Normalize("ＡＢＣ １２３")) == "abc123");
  CHECK(EncodeUtf8(triage::Normalize("停水了，没人管！！")) == "停水了|没人管\u2016");
}

TEST_CASE("sentence ends become sentence breaks, which are clause breaks too") {
  const std::u32string n = triage::Normalize("着火了，快来！人还在里面。好");
  CHECK(EncodeUtf8(n) == "着火了|快来\u2016人还在里面\u2016好");
  CHECK(triage::IsClauseBreak(n[3]));
  CHECK_FALSE(triage::IsSentenceBreak(n[3]));
  CHECK(triage::IsSentenceBreak(n[6]));
  CHECK(triage::IsClauseBreak(n[6]));
  // A comma after a full stop keeps the stronger break.
  CHECK(EncodeUtf8(triage::Normalize("好。，好")) == "好\u2016好");
}

TEST_CASE("corrections fix homophones, longest first, and leave the rest alone") {
  const auto n = WithCorrections({{"煤汽", "煤气"}, {"电题", "电梯"}, {"电题卡", "电梯卡"}});
  CHECK(EncodeUtf8(n.Normalize("厨房有煤汽味，电题也坏了")) == "厨房有煤气味|电梯也坏了");
  CHECK(EncodeUtf8(n.Normalize("电题卡丢了")) == "电梯卡丢了");
  CHECK(EncodeUtf8(n.Normalize("天然气正常")) == "天然气正常");
  CHECK(n.version() == "t1");
}

TEST_CASE("the installed normalisation table loads and fixes a typical typo") {
  auto n = triage::TextNormalizer::Load(triage::DefaultNormalizationPath());
  REQUIRE(n.ok());
  CHECK(n->corrections() > 20);
  CHECK(EncodeUtf8(n->Normalize("闻到煤汽味")) == "闻到煤气味");
}

TEST_CASE("a bad normalisation table is refused with every problem listed") {
  liandong::v1::NormalizationTable table;
  auto add = [&](const char* from, const char* to) {
    auto* c = table.add_corrections();
    c->set_from(from);
    c->set_to(to);
  };
  add("", "x");
  add("井盖", "井盖");
  add("井改", "井盖");
  add("井改", "井口");
  auto n = triage::TextNormalizer::FromTable(table);
  REQUIRE_FALSE(n.ok());
  const std::string message(n.status().message());
  CHECK(absl::StrContains(message, "3 problems"));
  CHECK(absl::StrContains(message, "corrections[0]"));
  CHECK(absl::StrContains(message, "maps a text to itself"));
  CHECK(absl::StrContains(message, "corrections[3]"));
}
