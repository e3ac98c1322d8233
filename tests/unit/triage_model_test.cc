// The fastText model wrapper and the trainer: our input encoding and forward pass agree with
// fastText's own, training is deterministic, and broken files are refused with a reason.
#include <catch2/catch.hpp>
#include <fstream>

#include "absl/strings/match.h"
#include "common/text_proto.h"
#include "rules/rule_table_loader.h"
#include "temp_dir.h"
#include "triage/fasttext_model.h"
#include "triage/features.h"
#include "triage/labelled_calls.h"
#include "triage/trainer.h"

namespace triage = liandong::triage;
namespace v1 = liandong::v1;

namespace {

std::shared_ptr<const liandong::rules::RuleIndex> Rules() {
  static auto rules = [] {
    auto table = liandong::rules::LoadRuleTable(liandong::rules::DefaultRuleTablePath());
    if (!table.ok()) throw std::runtime_error(std::string(table.status().message()));
    return std::make_shared<const liandong::rules::RuleIndex>(*std::move(table));
  }();
  return rules;
}

// A small corpus in the format of data/corpus.
std::string WriteCorpus(const liandong::testing::TempDir& dir) {
  const std::string path = dir.File("corpus.tsv");
  std::ofstream out(path);
  out << "id\tside\tchannel\ttext\tdisposition\titem\n";
  const char* water[] = {"家里停水了", "水龙头没水", "自来水停了一天", "楼里没水了", "水压很低"};
  const char* light[] = {"路灯不亮", "路灯坏了好几天", "小区路灯黑了", "门口路灯不亮了",
                         "灯杆倒了"};
  const char* fight[] = {"有人拿刀砍人", "楼下打起来了", "他拿着刀追我", "有人持刀",
                         "打得头破血流"};
  for (int i = 0; i < 5; ++i) {
    out << "w" << i << "\t110\tphone\t" << water[i] << "\tTRANSFER_12345\twater_outage\n";
    out << "l" << i << "\t110\tphone\t" << light[i] << "\tTRANSFER_12345\tstreetlight\n";
    out << "f" << i << "\t110\tphone\t" << fight[i] << "\tEMERGENCY_110\t-\n";
  }
  return path;
}

std::string Train(const liandong::testing::TempDir& dir, const std::string& name) {
  auto corpus = triage::ReadLabelledCalls(WriteCorpus(dir), *Rules());
  REQUIRE(corpus.ok());
  triage::TrainOptions options;
  options.params.set_bucket(20000);
  options.params.set_dim(16);
  const std::string model = dir.File(name);
  auto meta = triage::TrainModel(triage::BuildTrainingSet(*corpus, *Rules()), *Rules(),
                                 triage::TextNormalizer(), options, model);
  REQUIRE(meta.ok());
  CHECK(meta->temperature() > 0);
  CHECK(meta->corpus_rows() == 15);
  CHECK(meta->training_rows() > 15);  // plus the rule table's phrases
  return model;
}

std::vector<triage::Token> Tokens(const std::string& text) {
  return triage::ModelTokens(triage::Normalize(text));
}

}  // namespace

TEST_CASE("model tokens: characters, letter runs, digit runs and clause breaks") {
  const auto tokens = Tokens("电梯ABC坏了，打了12345");
  std::vector<std::string> texts;
  for (const auto& t : tokens) texts.push_back(t.text);
  CHECK(texts == std::vector<std::string>{"电", "梯", "abc", "坏", "了", "|", "打", "了", "#"});
  CHECK(tokens[2].start == 2);
  CHECK(tokens[2].end == 5);
}

TEST_CASE("training is deterministic: the same corpus gives the same model, byte for byte") {
  liandong::testing::TempDir dir;
  const std::string a = Train(dir, "a.bin");
  const std::string b = Train(dir, "b.bin");
  auto bytes_a = liandong::ReadWholeFile(a);
  auto bytes_b = liandong::ReadWholeFile(b);
  REQUIRE(bytes_a.ok());
  REQUIRE(bytes_b.ok());
  CHECK(bytes_a->size() > 1000);
  CHECK(*bytes_a == *bytes_b);
  auto model_a = triage::FastTextModel::Load(a);
  auto model_b = triage::FastTextModel::Load(b);
  REQUIRE(model_a.ok());
  REQUIRE(model_b.ok());
  CHECK((*model_a)->version() == (*model_b)->version());
  CHECK((*model_a)->version().rfind("ft-", 0) == 0);
}

TEST_CASE("our encoding and forward pass are fastText's own") {
  liandong::testing::TempDir dir;
  auto model = triage::FastTextModel::Load(Train(dir, "m.bin"));
  REQUIRE(model.ok());
  const triage::FastTextModel& m = **model;
  for (const char* text :
       {"家里停水了，水龙头没水", "路灯不亮", "有人拿刀", "完全没见过的字眼儿", "ABC 123", ""}) {
    const auto tokens = Tokens(text);
    const auto input = m.Encode(tokens);
    CHECK(input.rows == m.InputRowsByFastText(tokens));
    if (input.rows.empty()) continue;
    const auto ours = m.Probabilities(input, 1.0);
    const auto theirs = m.ProbabilitiesByFastText(tokens);
    REQUIRE(ours.size() == theirs.size());
    for (size_t l = 0; l < ours.size(); ++l) CHECK(ours[l] == Approx(theirs[l]).margin(1e-4));
  }
}

TEST_CASE("the trained model separates what it was taught") {
  liandong::testing::TempDir dir;
  auto model = triage::FastTextModel::Load(Train(dir, "m.bin"));
  REQUIRE(model.ok());
  const auto p = (*model)->Probabilities((*model)->Encode(Tokens("楼道里的路灯不亮了")), 1.0);
  int best = 0;
  for (size_t l = 0; l < p.size(); ++l) best = p[l] > p[best] ? static_cast<int>(l) : best;
  CHECK((*model)->label(best).item == "streetlight");
}

TEST_CASE("broken model files are refused with the path and the reason") {
  liandong::testing::TempDir dir;
  auto missing = triage::FastTextModel::Load(dir.File("nope.bin"));
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(absl::StrContains(missing.status().message(), "nope.bin"));

  // Junk whose metadata matches it: fastText itself must refuse it.
  const std::string junk_bytes = "this is not a model";
  std::ofstream(dir.File("junk.bin")) << junk_bytes;
  std::ofstream(dir.File("junk.bin.meta.textproto"))
      << "temperature: 1 model_bytes: " << junk_bytes.size() << " model_digest: \""
      << triage::ModelDigest(junk_bytes) << "\"";
  auto junk = triage::FastTextModel::Load(dir.File("junk.bin"));
  CHECK(junk.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StrContains(junk.status().message(), "not a fastText model"));

  // A real model cut short, and a real model without its metadata.
  const std::string good = Train(dir, "good.bin");
  auto bytes = liandong::ReadWholeFile(good);
  REQUIRE(bytes.ok());
  std::ofstream(dir.File("cut.bin"), std::ios::binary) << bytes->substr(0, bytes->size() / 2);
  std::ofstream(dir.File("cut.bin.meta.textproto"))
      << *liandong::ReadWholeFile(good + ".meta.textproto");
  auto cut = triage::FastTextModel::Load(dir.File("cut.bin"));
  CHECK(cut.status().code() == absl::StatusCode::kDataLoss);
  std::ofstream(dir.File("bare.bin"), std::ios::binary) << *bytes;
  auto bare = triage::FastTextModel::Load(dir.File("bare.bin"));
  CHECK_FALSE(bare.ok());
  CHECK(absl::StrContains(bare.status().message(), "meta"));
}

TEST_CASE("a corpus row that does not fit the rule table is refused with file and line") {
  liandong::testing::TempDir dir;
  const std::string path = dir.File("bad.tsv");
  std::ofstream(path) << "id\tside\tchannel\ttext\tdisposition\titem\n"
                      << "a\t110\tphone\t停水了\tTRANSFER_12345\tno_such_item\n"
                      << "b\t999\tphone\t路灯不亮\tTRANSFER_12345\tstreetlight\n"
                      << "c\t110\tphone\t打错了\tINVALID\tstreetlight\n"
                      << "a\t110\tphone\t重复\tJOINT\t-\n";
  auto calls = triage::ReadLabelledCalls(path, *Rules());
  REQUIRE_FALSE(calls.ok());
  const std::string message(calls.status().message());
  CHECK(absl::StrContains(message, "bad.tsv:2: TRANSFER_12345 needs an item"));
  CHECK(absl::StrContains(message, "bad.tsv:3: side '999'"));
  CHECK(absl::StrContains(message, "bad.tsv:4: INVALID takes no item"));
  CHECK(absl::StrContains(message, "bad.tsv:5: id a repeated"));
}
