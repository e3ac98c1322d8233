// The models and the trainer: our input encoding and forward pass agree with
// fastText's own, training is deterministic, and broken files are refused with a reason.
#include <catch2/catch.hpp>
#include <fstream>

#include "absl/strings/match.h"
#include "common/text_proto.h"
#include "default_rules.h"
#include "temp_dir.h"
#include "triage/calibration.h"
#include "triage/fasttext_model.h"
#include "triage/features.h"
#include "triage/labelled_calls.h"
#include "triage/signal_tokens.h"
#include "triage/trainer.h"

namespace triage = liandong::triage;
namespace v1 = liandong::v1;

namespace {

std::shared_ptr<const liandong::rules::RuleIndex> Rules() {
  return liandong::testing::DefaultRules();
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

std::string Train(const liandong::testing::TempDir& dir, const std::string& name,
                  const std::string& learner = "fasttext") {
  auto corpus = triage::ReadLabelledCalls(WriteCorpus(dir), *Rules());
  REQUIRE(corpus.ok());
  triage::TrainOptions options;
  options.learner = learner;
  options.params.set_bucket(20000);
  options.params.set_dim(16);
  const std::string model = dir.File(name);
  auto meta = triage::TrainModel(triage::BuildTrainingSet(*corpus, *Rules()), *Rules(),
                                 triage::TextNormalizer(), options, model);
  REQUIRE(meta.ok());
  CHECK(meta->temperature() > 0);
  CHECK(meta->corpus_rows() == 15);
  CHECK(meta->training_rows() > 15);  // plus the rule table's phrases
  CHECK(meta->learner() == learner);
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

std::shared_ptr<const triage::FastTextModel> LoadFastText(const std::string& path) {
  auto model = triage::LoadTextModel(path);
  REQUIRE(model.ok());
  auto ft = std::dynamic_pointer_cast<const triage::FastTextModel>(*model);
  REQUIRE(ft);
  return ft;
}

TEST_CASE("training is deterministic: the same corpus gives the same model, byte for byte") {
  const std::string learner = GENERATE(as<std::string>{}, "linear", "fasttext");
  liandong::testing::TempDir dir;
  const std::string a = Train(dir, "a.bin", learner);
  const std::string b = Train(dir, "b.bin", learner);
  auto bytes_a = liandong::ReadWholeFile(a);
  auto bytes_b = liandong::ReadWholeFile(b);
  REQUIRE(bytes_a.ok());
  REQUIRE(bytes_b.ok());
  CHECK(bytes_a->size() > 1000);
  CHECK(*bytes_a == *bytes_b);
  auto model_a = triage::LoadTextModel(a);
  auto model_b = triage::LoadTextModel(b);
  REQUIRE(model_a.ok());
  REQUIRE(model_b.ok());
  CHECK((*model_a)->version() == (*model_b)->version());
  CHECK((*model_a)->version().rfind(learner == "linear" ? "lin-" : "ft-", 0) == 0);
}

TEST_CASE("our encoding and forward pass are fastText's own") {
  liandong::testing::TempDir dir;
  const auto model = LoadFastText(Train(dir, "m.bin"));
  const triage::FastTextModel& m = *model;
  for (const char* text :
       {"家里停水了，水龙头没水", "路灯不亮", "有人拿刀", "完全没见过的字眼儿", "ABC 123", ""}) {
    const auto tokens = Tokens(text);
    const auto inputs = m.Encode(tokens);
    std::vector<int32_t> rows;
    for (const auto& in : inputs) rows.push_back(in.row);
    CHECK(rows == m.InputRowsByFastText(tokens));
    if (rows.empty()) continue;
    const auto ours = liandong::triage::Calibrate(m.Scores(inputs), 1.0);
    const auto theirs = m.ProbabilitiesByFastText(tokens);
    REQUIRE(ours.size() == theirs.size());
    for (size_t l = 0; l < ours.size(); ++l) CHECK(ours[l] == Approx(theirs[l]).margin(1e-4));
  }
}

TEST_CASE("the trained model separates what it was taught and says why") {
  const std::string learner = GENERATE(as<std::string>{}, "linear", "fasttext");
  liandong::testing::TempDir dir;
  auto model = triage::LoadTextModel(Train(dir, "m.bin", learner));
  REQUIRE(model.ok());
  // As serving reads it: the characters and the rule signals.
  const triage::RuleScanner scanner(Rules());
  const std::u32string text = triage::Normalize("楼道里的路灯不亮了");
  const auto tokens = triage::ModelDocument(text, scanner.Scan(text), scanner);
  const auto inputs = (*model)->Encode(tokens);
  const auto p = (*model)->Scores(inputs);
  int best = 0;
  for (size_t l = 0; l < p.size(); ++l) best = p[l] > p[best] ? static_cast<int>(l) : best;
  CHECK((*model)->label(best).item == "streetlight");
  // The strongest features are spans of the text that were taught for street lights.
  const auto features = (*model)->StrongestFeatures(tokens, inputs, best, 3);
  REQUIRE_FALSE(features.empty());
  bool mentions_light = false;
  for (const auto& f : features) {
    CHECK(f.weight > 0);
    // Character n-grams are spans of the text; rule signals (§…) sit, empty, at its end.
    if (absl::StrContains(f.text, "§")) {
      CHECK(f.start == f.end);
    } else {
      CHECK(f.end > f.start);
    }
    mentions_light =
        mentions_light || absl::StrContains(f.text, "灯") || f.text == "§kw:streetlight";
  }
  CHECK(mentions_light);
}

TEST_CASE("broken model files are refused with the path and the reason") {
  liandong::testing::TempDir dir;
  auto missing = triage::LoadTextModel(dir.File("nope.bin"));
  CHECK(missing.status().code() == absl::StatusCode::kNotFound);
  CHECK(absl::StrContains(missing.status().message(), "nope.bin"));

  // Junk whose metadata matches it: fastText itself must refuse it.
  const std::string junk_bytes = "this is not a model";
  std::ofstream(dir.File("junk.bin")) << junk_bytes;
  std::ofstream(dir.File("junk.bin.meta.textproto"))
      << "learner: \"fasttext\" temperature: 1 model_bytes: " << junk_bytes.size()
      << " model_digest: \"" << triage::ModelDigest(junk_bytes) << "\"";
  auto junk = triage::LoadTextModel(dir.File("junk.bin"));
  CHECK(junk.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StrContains(junk.status().message(), "not a fastText model"));
  // The same junk as a linear model: protobuf may parse it, the shape check must refuse it.
  std::ofstream(dir.File("junk.bin.meta.textproto"), std::ios::trunc)
      << "learner: \"linear\" temperature: 1 model_bytes: " << junk_bytes.size()
      << " model_digest: \"" << triage::ModelDigest(junk_bytes) << "\"";
  CHECK(triage::LoadTextModel(dir.File("junk.bin")).status().code() ==
        absl::StatusCode::kInvalidArgument);

  // A real model cut short, and a real model without its metadata.
  const std::string good = Train(dir, "good.bin", "linear");
  auto bytes = liandong::ReadWholeFile(good);
  REQUIRE(bytes.ok());
  std::ofstream(dir.File("cut.bin"), std::ios::binary) << bytes->substr(0, bytes->size() / 2);
  std::ofstream(dir.File("cut.bin.meta.textproto"))
      << *liandong::ReadWholeFile(good + ".meta.textproto");
  auto cut = triage::LoadTextModel(dir.File("cut.bin"));
  CHECK(cut.status().code() == absl::StatusCode::kDataLoss);
  std::ofstream(dir.File("bare.bin"), std::ios::binary) << *bytes;
  auto bare = triage::LoadTextModel(dir.File("bare.bin"));
  CHECK_FALSE(bare.ok());
  CHECK(absl::StrContains(bare.status().message(), "meta"));
}

TEST_CASE("the blind sets' format: titles, answers with items, topics outside the items") {
  liandong::testing::TempDir dir;
  const std::string path = dir.File("posts.tsv");
  std::ofstream(path) << "id\tside\tchannel\ttitle\ttext\tdisposition\titem\tcategory\n"
                      << "p1\t12345\tonline\t路灯\t路灯不亮\tTRANSFER_12345\tstreetlight\t"
                         "municipal_utilities\n"
                      << "p2\t12345\tonline\t学区\t学区怎么划\tTRANSFER_12345\t-\tsocial_services\n"
                      << "p3\t12345\tonline\t供暖\t几号供暖\tDIRECT_ANSWER\theating\t"
                         "municipal_utilities\n"
                      << "p4\t12345\tonline\t-\t打错了\tINVALID\t-\t-\n";
  auto calls = triage::ReadLabelledCalls(path, *Rules());
  REQUIRE(calls.ok());
  REQUIRE(calls->size() == 4);
  CHECK((*calls)[0].title == "路灯");
  CHECK((*calls)[0].category == "municipal_utilities");
  CHECK((*calls)[1].item.empty());
  CHECK((*calls)[1].category == "social_services");
  CHECK((*calls)[2].item == "heating");
  CHECK((*calls)[3].title.empty());
  CHECK((*calls)[3].category.empty());

  std::ofstream(dir.File("bad_category.tsv")) << "id\tside\ttext\tdisposition\titem\tcategory\n"
                                              << "x\t12345\t学区\tTRANSFER_12345\t-\tschools\n";
  auto bad = triage::ReadLabelledCalls(dir.File("bad_category.tsv"), *Rules());
  REQUIRE_FALSE(bad.ok());
  CHECK(absl::StrContains(bad.status().message(), "category 'schools' is not a category"));
}

TEST_CASE("a corpus row that does not fit the rule table is refused with file and line") {
  liandong::testing::TempDir dir;
  const std::string path = dir.File("bad.tsv");
  std::ofstream(path) << "id\tside\tchannel\ttext\tdisposition\titem\n"
                      << "a\t110\tphone\t停水了\tTRANSFER_12345\tno_such_item\n"
                      << "b\t999\tphone\t路灯不亮\tTRANSFER_12345\tstreetlight\n"
                      << "c\t110\tphone\t打错了\tINVALID\tstreetlight\n"
                      << "a\t110\tphone\t重复\tJOINT\t-\n"
                      << "d\t12345\tonline\t学区怎么划\tTRANSFER_12345\t-\n";
  auto calls = triage::ReadLabelledCalls(path, *Rules());
  REQUIRE_FALSE(calls.ok());
  const std::string message(calls.status().message());
  CHECK(absl::StrContains(message, "bad.tsv:2: item 'no_such_item' is not in the rule table"));
  CHECK(absl::StrContains(message, "bad.tsv:6: TRANSFER_12345 needs an item"));
  CHECK(absl::StrContains(message, "bad.tsv:3: side '999'"));
  CHECK(absl::StrContains(message, "bad.tsv:4: INVALID takes no item"));
  CHECK(absl::StrContains(message, "bad.tsv:5: id a repeated"));
}
