// liandong-train: trains the triage model from labelled TSV files plus the rule table's phrases.
//   liandong-train --out triage-model.bin [--rules R] [--normalization N] CORPUS.tsv...
// Deterministic: the same files give the same model, byte for byte.
#include <fstream>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_cat.h"
#include "common/text_proto.h"
#include "rules/rule_table_loader.h"
#include "triage/labelled_calls.h"
#include "triage/text_model.h"
#include "triage/trainer.h"

ABSL_FLAG(std::string, out, "", "model file to write (its metadata goes to <out>.meta.textproto)");
ABSL_FLAG(std::string, rules, "", "rule table whose phrases are trained on (default: installed)");
ABSL_FLAG(std::string, normalization, "", "normalisation table (default: installed; 'none': off)");
ABSL_FLAG(std::string, export_training_set, "",
          "also write the exact training rows as TSV (id, label, text) for other learners");
ABSL_FLAG(std::string, learner, "linear", "linear (TF-IDF + linear SVMs, the default) or fasttext");
ABSL_FLAG(int, max_ngram, 0, "linear: longest character n-gram (0: default)");
ABSL_FLAG(double, c, 0, "linear: SVM cost (0: default)");
ABSL_FLAG(int, min_df, 0, "linear: drop n-grams seen in fewer rows (0: default)");
ABSL_FLAG(int, dim, 0, "fasttext: embedding size (0: default)");
ABSL_FLAG(int, epoch, 0, "fasttext: passes over the data (0: default)");
ABSL_FLAG(double, lr, 0, "fasttext: learning rate (0: default)");
ABSL_FLAG(int, word_ngrams, 0, "fasttext: character n-gram length (0: default)");
ABSL_FLAG(int, bucket, 0, "fasttext: hash buckets for n-grams (0: default)");
ABSL_FLAG(int, heldout_percent, 15, "unused; kept for old scripts (calibration: --folds)");
ABSL_FLAG(double, miss_cost, 10,
          "false alarms one missed emergency is worth when the emergency threshold is chosen on "
          "held-out rows (the emergencies it still misses are flagged needs_review)");
ABSL_FLAG(std::string, words, "",
          "lexicon words, one a line, '#' comments (default: the installed list; 'none': off)");
ABSL_FLAG(int, folds, 5, "cross-validation folds that calibrate confidence and the threshold");
ABSL_FLAG(std::string, scope, "",
          "scope lexicon: tense and modality words, offices, soft cues (default: installed; "
          "'none': off)");
ABSL_FLAG(bool, verbose, false,
          "list the held-out emergencies the safety layer missed, with the model's probability");

namespace {

int Fail(const absl::Status& status) {
  std::cerr << "liandong-train: " << status.message() << std::endl;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage(
      "liandong-train --out MODEL.bin [--rules R] [--normalization N] CORPUS.tsv...");
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  namespace triage = liandong::triage;
  const std::string out = absl::GetFlag(FLAGS_out);
  if (out.empty() || positional.size() < 2) {
    std::cerr << "usage: " << absl::ProgramUsageMessage() << std::endl;
    return 2;
  }
  auto table = liandong::rules::LoadRuleTableOrDefault(absl::GetFlag(FLAGS_rules));
  if (!table.ok()) return Fail(table.status());
  const liandong::rules::RuleIndex rules(*std::move(table));

  std::string norm_path = absl::GetFlag(FLAGS_normalization);
  if (norm_path.empty()) norm_path = triage::DefaultNormalizationPath();
  triage::TextNormalizer normalizer;
  if (norm_path != "none") {
    auto loaded = triage::TextNormalizer::Load(norm_path);
    if (!loaded.ok()) return Fail(loaded.status());
    normalizer = *std::move(loaded);
  }

  std::vector<triage::LabelledCall> corpus;
  for (size_t i = 1; i < positional.size(); ++i) {
    auto calls = triage::ReadLabelledCalls(positional[i], rules);
    if (!calls.ok()) return Fail(calls.status());
    corpus.insert(corpus.end(), calls->begin(), calls->end());
  }
  const std::vector<triage::TrainingExample> examples = triage::BuildTrainingSet(corpus, rules);
  if (const std::string e = absl::GetFlag(FLAGS_export_training_set); !e.empty()) {
    if (auto s = triage::ExportTrainingSet(examples, e); !s.ok()) return Fail(s);
  }

  triage::TrainOptions options;
  auto& p = options.params;
  if (int v = absl::GetFlag(FLAGS_dim); v > 0) p.set_dim(v);
  if (int v = absl::GetFlag(FLAGS_epoch); v > 0) p.set_epoch(v);
  if (double v = absl::GetFlag(FLAGS_lr); v > 0) p.set_lr(v);
  if (int v = absl::GetFlag(FLAGS_word_ngrams); v > 0) p.set_word_ngrams(v);
  if (int v = absl::GetFlag(FLAGS_bucket); v > 0) p.set_bucket(v);
  options.heldout_percent = absl::GetFlag(FLAGS_heldout_percent);
  options.folds = absl::GetFlag(FLAGS_folds);
  options.miss_cost = absl::GetFlag(FLAGS_miss_cost);
  std::string scope_path = absl::GetFlag(FLAGS_scope);
  if (scope_path.empty()) scope_path = triage::DefaultScopePath();
  if (scope_path != "none") {
    if (auto s = liandong::LoadTextProto(scope_path, &options.scope); !s.ok()) {
      return Fail(absl::Status(s.code(), absl::StrCat("scope lexicon: ", s.message())));
    }
  }
  std::string words_path = absl::GetFlag(FLAGS_words);
  if (words_path.empty()) words_path = triage::DefaultWordsPath();
  if (words_path != "none") {
    std::ifstream words(words_path);
    if (!words) return Fail(absl::NotFoundError("cannot open the lexicon words " + words_path));
    std::string line;
    while (std::getline(words, line)) {
      if (!line.empty() && line[0] != '#') options.scope.add_words(line);
    }
  }
  options.learner = absl::GetFlag(FLAGS_learner);
  auto& lp = options.linear_params;
  if (int v = absl::GetFlag(FLAGS_max_ngram); v > 0) lp.set_max_ngram(v);
  if (double v = absl::GetFlag(FLAGS_c); v > 0) lp.set_c(v);
  if (int v = absl::GetFlag(FLAGS_min_df); v > 0) lp.set_min_df(v);
  std::vector<std::string> uncaught;
  if (absl::GetFlag(FLAGS_verbose)) options.uncaught_emergencies = &uncaught;
  auto meta = triage::TrainModel(examples, rules, normalizer, options, out);
  for (const auto& line : uncaught) std::cout << "uncaught emergency: " << line << "\n";
  if (!meta.ok()) return Fail(meta.status());
  std::cout << "liandong-train: " << out << " " << meta->version() << ": " << meta->training_rows()
            << " rows (" << meta->corpus_rows() << " written, "
            << meta->training_rows() - meta->corpus_rows() << " rule-table phrases), "
            << meta->labels() << " labels, held-out accuracy " << meta->heldout_accuracy() << " ("
            << options.folds << "-fold), temperature " << meta->temperature()
            << ", trigger precision " << meta->trigger_precision() << ", emergency threshold "
            << meta->emergency_threshold()
            << " (held-out: " << meta->emergency_calibration().uncaught_by_rules()
            << " emergencies the rules missed, " << meta->emergency_calibration().missed()
            << " of them below the threshold, least P "
            << meta->emergency_calibration().min_uncaught_probability() << "; false alarms "
            << meta->emergency_calibration().false_alarms() << "/"
            << meta->emergency_calibration().non_emergencies() << "), review threshold "
            << meta->emergency_review_threshold() << " (flags "
            << meta->emergency_calibration().review_flags() << ")" << std::endl;
  return 0;
}
