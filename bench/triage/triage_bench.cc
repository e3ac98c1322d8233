// liandong-bench-triage: classifications per second on one thread and the latency of single
// classifications (p50/p99) for call texts of 20–120 characters, in process, with the
// installed engine (or --model). --stages also times each stage of the engine.
#include <algorithm>
#include <chrono>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/utf8.h"
#include "rules/rule_table_loader.h"
#include "triage/engine_factory.h"
#include "triage/features.h"
#include "triage/labelled_calls.h"
#include "triage/rule_scanner.h"

ABSL_FLAG(std::string, texts, LIANDONG_SOURCE_DIR "/data/holdout/holdout-calls.tsv",
          "labelled TSV whose texts are classified (labels are not used)");
ABSL_FLAG(int, rounds, 100, "passes over the texts in one repetition of the throughput figure");
ABSL_FLAG(int, repetitions, 5, "repetitions of the throughput figure (the median is printed)");
ABSL_FLAG(int, post_chars, 0,
          "0: the texts as calls; N: online posts of about N characters instead (a title and a "
          "body of consecutive texts joined as sentences), classified with ClassifyPost");
ABSL_FLAG(bool, stages, false, "also time normalisation, safety layer, tokens and model");

namespace {

namespace triage = liandong::triage;
using Clock = std::chrono::steady_clock;

double Seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

template <typename F>
double NanosPerText(const std::vector<std::string>& texts, int rounds, F&& f) {
  const auto start = Clock::now();
  size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const auto& t : texts) sink += f(t);
  }
  const double ns =
      Seconds(Clock::now() - start) * 1e9 / (static_cast<double>(rounds) * texts.size());
  if (sink == 42) std::cerr << "";  // keeps the work from being optimised away
  return ns;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  auto table = liandong::rules::LoadRuleTable(liandong::rules::DefaultRuleTablePath());
  if (!table.ok()) {
    std::cerr << table.status().message() << std::endl;
    return 2;
  }
  auto rules = std::make_shared<const liandong::rules::RuleIndex>(*std::move(table));
  auto calls = triage::ReadLabelledCalls(absl::GetFlag(FLAGS_texts), *rules);
  if (!calls.ok()) {
    std::cerr << calls.status().message() << std::endl;
    return 2;
  }
  std::vector<std::string> texts;
  for (const auto& c : *calls) {
    const size_t n = liandong::CodePointCount(c.text);
    if (n >= 20 && n <= 120) texts.push_back(c.text);
  }
  // Posts: each joins consecutive texts (as sentences) up to the length asked for; its title
  // is the first text's opening words.
  const int post_chars = absl::GetFlag(FLAGS_post_chars);
  std::vector<std::string> titles(texts.size());
  if (post_chars > 0) {
    std::vector<std::string> posts;
    titles.clear();
    for (size_t i = 0; i < texts.size(); ++i) {
      std::string body;
      for (size_t j = i; liandong::CodePointCount(body) < static_cast<size_t>(post_chars);
           j = (j + 1) % texts.size()) {
        absl::StrAppend(&body, texts[j], "。");
      }
      const std::u32string first = liandong::DecodeUtf8(texts[i]);
      titles.push_back(liandong::EncodeUtf8(first.substr(0, 12)));
      posts.push_back(std::move(body));
    }
    texts = std::move(posts);
  }
  const triage::EngineConfig config = triage::EngineConfigFromFlags();
  auto factory = triage::EngineFactory::Load(config);
  if (!factory.ok()) {
    std::cerr << factory.status().message() << std::endl;
    return 2;
  }
  const auto classifier = factory->Build(rules);
  const int rounds = absl::GetFlag(FLAGS_rounds);

  // Warm up, then latency of single calls, then throughput over many passes.
  // One suggestion, with evidence: a call as it is, a post with its title.
  size_t next = 0;
  auto classify = [&](const std::string& t) {
    const std::string& title = titles[next++ % titles.size()];
    return post_chars > 0 ? classifier->ClassifyPost(liandong::v1::SIDE_12345, {}, title, t)
                          : classifier->Classify(liandong::v1::SIDE_110, {}, t);
  };
  for (const auto& t : texts) classify(t);
  std::vector<double> micros;
  for (int r = 0; r < 20; ++r) {
    for (const auto& t : texts) {
      const auto start = Clock::now();
      classify(t);
      micros.push_back(Seconds(Clock::now() - start) * 1e6);
    }
  }
  // Throughput: several repetitions, so that a noisy neighbour on a shared machine shows as a
  // spread instead of a wrong figure; the median is the figure to quote.
  std::vector<double> per_second;
  for (int rep = 0; rep < absl::GetFlag(FLAGS_repetitions); ++rep) {
    per_second.push_back(1e9 / NanosPerText(texts, rounds, [&](const std::string& t) {
                           return static_cast<size_t>(classify(t).disposition());
                         }));
  }
  std::sort(per_second.begin(), per_second.end());
  const double median = per_second[per_second.size() / 2];
  size_t chars = 0;
  for (const auto& t : texts) chars += liandong::CodePointCount(t);
  std::cout << absl::StrFormat("liandong-bench-triage: model %s, %d %s (mean %.0f characters)\n",
                               factory->model_version(), texts.size(),
                               post_chars > 0 ? "posts with titles" : "texts of 20-120 characters",
                               static_cast<double>(chars) / texts.size());
  std::cout << absl::StrFormat(
      "  one thread: %.0f classifications/s median of %d (%.2f us each; min %.0f, max %.0f)\n",
      median, per_second.size(), 1e6 / median, per_second.front(), per_second.back());
  std::cout << absl::StrFormat("  latency: p50 %.1f us, p99 %.1f us, max %.1f us (%d samples)\n",
                               Percentile(micros, 0.5), Percentile(micros, 0.99),
                               *std::max_element(micros.begin(), micros.end()), micros.size());

  if (absl::GetFlag(FLAGS_stages) && factory->model()) {
    triage::TextNormalizer normalizer;
    if (config.normalization_path != "none")
      normalizer = *triage::TextNormalizer::Load(config.normalization_path);
    const triage::RuleScanner scanner(rules);
    const auto& model = *factory->model();
    const int r = std::max(1, rounds / 4);
    std::cout << absl::StrFormat("  stages (us per text): normalise %.2f",
                                 NanosPerText(texts, r, [&](const std::string& t) {
                                   return normalizer.Normalize(t).size();
                                 }) / 1000);
    std::cout << absl::StrFormat(", safety+keywords %.2f",
                                 NanosPerText(texts, r, [&](const std::string& t) {
                                   return scanner.Scan(normalizer.Normalize(t)).item_score.size();
                                 }) / 1000);
    std::cout << absl::StrFormat(", tokens %.2f",
                                 NanosPerText(texts, r, [&](const std::string& t) {
                                   return triage::ModelTokens(normalizer.Normalize(t)).size();
                                 }) / 1000);
    std::cout << absl::StrFormat(
        ", model %.2f", NanosPerText(texts, r, [&](const std::string& t) {
                          return model.Scores(triage::ModelTokens(normalizer.Normalize(t))).size();
                        }) / 1000);
    std::cout << absl::StrFormat(
        ", features %.2f (each includes the stages before it)\n",
        NanosPerText(texts, r, [&](const std::string& t) {
          const auto tokens = triage::ModelTokens(normalizer.Normalize(t));
          return model.StrongestFeatures(tokens, model.Encode(tokens), 0, 5).size();
        }) / 1000);
  }
  return 0;
}
