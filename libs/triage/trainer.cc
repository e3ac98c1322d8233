#include "triage/trainer.h"

#include <fasttext.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_replace.h"
#include "common/enums.h"
#include "common/fnv.h"
#include "common/text_proto.h"
#include "google/protobuf/text_format.h"
#include "triage/calibration.h"
#include "triage/features.h"
#include "triage/label_space.h"
#include "triage/linear_trainer.h"
#include "triage/pooled_scores.h"
#include "triage/rule_scanner.h"
#include "triage/signal_tokens.h"
#include "triage/text_model.h"

namespace liandong::triage {
namespace {

// Bounds of the fitted emergency threshold: never so low that every mention of trouble goes
// to 110, never above an even chance; and the margin below the least sure held-out emergency.
constexpr double kMinEmergencyThreshold = 0.02;
constexpr double kMaxEmergencyThreshold = 0.5;
constexpr double kThresholdMargin = 0.8;

// The cross-validation fold of a written row (-1: rule-table phrases, always trained on).
int FoldOf(const TrainingExample& e, int folds) {
  return e.from_corpus ? static_cast<int>(Fnv1a(e.id) % static_cast<uint64_t>(folds)) : -1;
}

// What the model reads for one training row: the same tokens as serving.
std::vector<Token> DocumentOf(const TrainingExample& e, const TextNormalizer& normalizer,
                              const RuleScanner& scanner) {
  std::u32string norm;
  if (!e.title.empty()) {
    norm = normalizer.Normalize(e.title);
    if (!norm.empty() && IsClauseBreak(norm.back())) norm.pop_back();
    norm.push_back(kSentenceBreak);
  }
  norm += normalizer.Normalize(e.text);
  return ModelDocument(norm, scanner.Scan(norm), scanner);
}

void AddPhrases(const google::protobuf::RepeatedPtrField<std::string>& phrases,
                const std::string& label, const std::string& source,
                std::vector<TrainingExample>* out) {
  for (int i = 0; i < phrases.size(); ++i) {
    out->push_back({absl::StrCat(source, "#", i), label, phrases[i], false, ""});
  }
}

absl::Status WriteTrainingFile(const std::vector<const TrainingExample*>& rows,
                               const TextNormalizer& normalizer, const RuleScanner& scanner,
                               const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot write '", path, "'"));
  for (const TrainingExample* e : rows) {
    out << e->label << " " << ModelLine(DocumentOf(*e, normalizer, scanner)) << "\n";
  }
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat("short write to '", path, "'"));
  return absl::OkStatus();
}

absl::Status Fit(const v1::FastTextParams& p, const std::string& input, const std::string& output) {
  fasttext::Args args;
  args.input = input;
  args.output = output;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  args.dim = p.dim();
  args.epoch = p.epoch();
  args.lr = p.lr();
  args.wordNgrams = p.word_ngrams();
  args.bucket = p.bucket();
  args.minCount = p.min_count();
  args.minn = 0;
  args.maxn = 0;
  args.thread = 1;  // one thread: the same corpus always gives the same model
  args.seed = p.seed();
  args.verbose = 0;
  try {
    fasttext::FastText ft;
    ft.train(args);
    ft.saveModel(output);
  } catch (const std::exception& e) {
    return absl::InternalError(absl::StrCat("fastText training failed: ", e.what()));
  }
  return absl::OkStatus();
}

}  // namespace

v1::FastTextParams DefaultParams() {
  v1::FastTextParams p;
  p.set_dim(48);
  p.set_epoch(40);
  p.set_lr(0.5);
  p.set_word_ngrams(3);
  p.set_bucket(200000);
  p.set_seed(20261123);
  p.set_min_count(1);
  return p;
}

std::vector<TrainingExample> BuildTrainingSet(const std::vector<LabelledCall>& corpus,
                                              const rules::RuleIndex& rules) {
  std::vector<TrainingExample> out;
  for (const LabelledCall& c : corpus) {
    // A transfer on a topic outside the items has no label to learn (only a category).
    if (c.disposition == v1::TRANSFER_12345 && c.item.empty()) continue;
    out.push_back({c.id, LabelFor(c.disposition, c.disposition == v1::TRANSFER_12345 ? c.item : ""),
                   c.text, true, c.title});
  }
  const v1::RuleTable& t = rules.table();
  const std::string emergency = LabelFor(v1::EMERGENCY_110, "");
  const std::string police = LabelFor(v1::POLICE_110, "");
  for (const auto& cat : t.categories()) {
    for (const auto& item : cat.items()) {
      const std::string label = LabelFor(v1::TRANSFER_12345, item.id());
      out.push_back({absl::StrCat("rules:", item.id(), ":name"), label, item.name(), false, ""});
      AddPhrases(item.keywords(), label, absl::StrCat("rules:", item.id()), &out);
      for (const auto& e : item.escalations()) {
        AddPhrases(e.phrases(), emergency, absl::StrCat("rules:", e.id()), &out);
      }
    }
  }
  for (const auto& pc : t.police_classes()) {
    AddPhrases(pc.keywords(), pc.always_emergency() ? emergency : police,
               absl::StrCat("rules:", pc.id()), &out);
    for (const auto& u : pc.urgent())
      AddPhrases(u.phrases(), emergency, absl::StrCat("rules:", u.id()), &out);
  }
  for (const auto& r : t.risk_cues())
    AddPhrases(r.phrases(), emergency, absl::StrCat("rules:", r.id()), &out);
  for (const auto& c : t.disposition_cues()) {
    AddPhrases(c.phrases(), LabelFor(c.disposition(), ""),
               absl::StrCat("rules:cue:", DispositionLabel(c.disposition())), &out);
  }
  return out;
}

namespace {

// Writes a model's bytes and a provisional metadata file (temperature 1) so that
// LoadTextModel accepts it; the final metadata replaces it after calibration.
absl::Status WriteModelFiles(const std::string& path, const std::string& bytes,
                             const std::string& learner) {
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out) return absl::DataLossError(absl::StrCat("cannot write '", path, "'"));
  }
  std::ofstream meta(ModelMetaPath(path), std::ios::trunc);
  meta << "learner: \"" << learner << "\"\ntemperature: 1\nmodel_bytes: " << bytes.size()
       << "\nmodel_digest: \"" << ModelDigest(bytes) << "\"\n";
  if (!meta) return absl::DataLossError(absl::StrCat("cannot write '", ModelMetaPath(path), "'"));
  return absl::OkStatus();
}

// Trains the chosen learner on `rows` and leaves a loadable model at `path`.
absl::StatusOr<std::shared_ptr<const TextModel>> FitModel(
    const std::vector<const TrainingExample*>& rows, const TextNormalizer& normalizer,
    const RuleScanner& scanner, const TrainOptions& options, const std::string& path) {
  if (options.learner == "fasttext") {
    const std::string input = absl::StrCat(path, ".train.txt");
    if (auto s = WriteTrainingFile(rows, normalizer, scanner, input); !s.ok()) return s;
    absl::Status fitted = Fit(options.params, input, path);
    std::remove(input.c_str());
    if (!fitted.ok()) return fitted;
    auto bytes = ReadWholeFile(path);
    if (!bytes.ok()) return bytes.status();
    if (auto s = WriteModelFiles(path, *bytes, "fasttext"); !s.ok()) return s;
  } else if (options.learner == "linear") {
    // Labels in sorted order: the same corpus always gives the same model.
    std::vector<std::string> names;
    for (const TrainingExample* e : rows) names.push_back(e->label);
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    std::vector<std::vector<Token>> docs;
    std::vector<int> labels;
    for (const TrainingExample* e : rows) {
      docs.push_back(DocumentOf(*e, normalizer, scanner));
      labels.push_back(
          static_cast<int>(std::lower_bound(names.begin(), names.end(), e->label) - names.begin()));
    }
    const v1::LinearModelProto proto = FitLinear(docs, labels, names, options.linear_params);
    std::string bytes;
    if (!proto.SerializeToString(&bytes)) return absl::InternalError("cannot serialise the model");
    if (auto s = WriteModelFiles(path, bytes, "linear"); !s.ok()) return s;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown learner '", options.learner, "' (linear or fasttext)"));
  }
  return LoadTextModel(path);
}

}  // namespace

absl::StatusOr<v1::TriageModelMeta> TrainModel(const std::vector<TrainingExample>& examples,
                                               const rules::RuleIndex& rules,
                                               const TextNormalizer& normalizer,
                                               const TrainOptions& options,
                                               const std::string& model_path) {
  if (examples.empty()) return absl::InvalidArgumentError("training: no examples");
  const std::string work =
      options.work_dir.empty() ? model_path : absl::StrCat(options.work_dir, "/model");
  const int folds = std::max(2, options.folds);
  std::vector<const TrainingExample*> all;
  for (const auto& e : examples) all.push_back(&e);
  const RuleScanner scanner(std::make_shared<const rules::RuleIndex>(rules.table()), options.scope);
  const std::string emergency = LabelFor(v1::EMERGENCY_110, "");
  const ChunkOptions chunks;

  // 1. Cross-validation: each written row scored (as serving would: chunks, signals) by a
  // model trained without its fold.
  std::vector<std::vector<double>> scores;
  std::vector<int> gold;
  std::vector<const TrainingExample*> scored;
  std::vector<bool> caught;              // the safety layer fired
  std::vector<std::string> label_names;  // of the fold models (all have every label)
  int correct = 0;
  for (int f = 0; f < folds; ++f) {
    std::vector<const TrainingExample*> fit_rows, heldout;
    for (const TrainingExample* e : all) (FoldOf(*e, folds) == f ? heldout : fit_rows).push_back(e);
    const std::string fit_path = absl::StrCat(work, ".fold", f, ".bin");
    auto model = FitModel(fit_rows, normalizer, scanner, options, fit_path);
    std::remove(fit_path.c_str());
    std::remove(ModelMetaPath(fit_path).c_str());
    if (!model.ok()) return model.status();
    const TextModel& m = **model;
    std::vector<std::string> names;
    for (int l = 0; l < m.label_count(); ++l) {
      names.push_back(LabelFor(m.label(l).disposition, m.label(l).item));
    }
    if (label_names.empty()) label_names = names;
    if (names != label_names) continue;  // a fold without some label: not comparable
    for (const TrainingExample* e : heldout) {
      const int g =
          static_cast<int>(std::find(names.begin(), names.end(), e->label) - names.begin());
      if (g >= static_cast<int>(names.size())) continue;
      TextReading r = ReadText(m, scanner, normalizer, e->title, e->text, chunks, false);
      correct += std::max_element(r.scores.begin(), r.scores.end()) - r.scores.begin() == g;
      caught.push_back(r.signals.emergency.has_value());
      scores.push_back(std::move(r.scores));
      gold.push_back(g);
      scored.push_back(e);
    }
  }
  const int emergency_label = static_cast<int>(
      std::find(label_names.begin(), label_names.end(), emergency) - label_names.begin());
  double temperature = 1.0;
  double heldout_accuracy = 0;
  double emergency_threshold = kMaxEmergencyThreshold;
  v1::EmergencyCalibration calibration;
  calibration.set_folds(folds);
  if (!gold.empty()) {
    temperature = FitTemperature(scores, gold);
    heldout_accuracy = static_cast<double>(correct) / static_cast<double>(gold.size());
  }
  // In doubt, 110: the threshold is the highest that still sends every held-out emergency the
  // safety layer did not catch to 110, with a margin, within fixed bounds.
  std::vector<double> p_emergency(scored.size(), 0.0);
  std::vector<std::pair<double, std::string>> uncaught;
  std::vector<double> uncaught_p;
  for (size_t r = 0; r < scored.size(); ++r) {
    if (emergency_label >= static_cast<int>(label_names.size())) break;
    p_emergency[r] = Calibrate(scores[r], temperature)[emergency_label];
    if (scored[r]->label != emergency) continue;
    calibration.set_emergencies(calibration.emergencies() + 1);
    if (caught[r]) continue;
    uncaught_p.push_back(p_emergency[r]);
    uncaught.push_back({p_emergency[r], absl::StrFormat("%.4f  %s  %s", p_emergency[r],
                                                        scored[r]->id, scored[r]->text)});
  }
  calibration.set_uncaught_by_rules(static_cast<int>(uncaught_p.size()));
  std::sort(uncaught_p.begin(), uncaught_p.end());
  double review_threshold = 0;
  if (!uncaught_p.empty()) {
    // Routed to 110: the threshold of least cost (false alarms + miss_cost x misses) among the
    // candidates just below each uncaught emergency's probability; flagged for review: every
    // one of them (100 % on held-out data), within the fixed bounds.
    std::vector<double> others;  // P of held-out non-emergencies the rules did not catch
    for (size_t r = 0; r < scored.size(); ++r) {
      if (scored[r]->label != emergency && !caught[r]) others.push_back(p_emergency[r]);
    }
    std::sort(others.begin(), others.end());
    double best_cost = std::numeric_limits<double>::infinity();
    for (size_t i = 0; i < uncaught_p.size(); ++i) {
      const double t = std::clamp(uncaught_p[i] * kThresholdMargin, kMinEmergencyThreshold,
                                  kMaxEmergencyThreshold);
      const auto misses =
          std::lower_bound(uncaught_p.begin(), uncaught_p.end(), t) - uncaught_p.begin();
      const auto alarms = others.end() - std::lower_bound(others.begin(), others.end(), t);
      const double cost =
          static_cast<double>(alarms) + options.miss_cost * static_cast<double>(misses);
      if (cost < best_cost) {
        best_cost = cost;
        emergency_threshold = t;
      }
    }
    calibration.set_missed(static_cast<int>(
        std::lower_bound(uncaught_p.begin(), uncaught_p.end(), emergency_threshold) -
        uncaught_p.begin()));
    review_threshold = std::min(emergency_threshold, std::max(uncaught_p.front() * kThresholdMargin,
                                                              kMinEmergencyThreshold));
    calibration.set_min_uncaught_probability(uncaught_p.front());
    calibration.set_full_recall_threshold(uncaught_p.front() * kThresholdMargin);
  }
  calibration.set_miss_cost(options.miss_cost);
  if (options.uncaught_emergencies != nullptr) {
    std::sort(uncaught.begin(), uncaught.end());
    for (auto& [p, line] : uncaught) options.uncaught_emergencies->push_back(std::move(line));
  }
  // The cost: held-out non-emergencies that the threshold (not the safety layer) sends to 110,
  // and how P(EMERGENCY_110) matches the emergency rate, by bin.
  constexpr int kBins = 10;
  std::vector<int> bin_rows(kBins, 0), bin_emergencies(kBins, 0);
  std::vector<double> bin_p(kBins, 0);
  for (size_t r = 0; r < scored.size(); ++r) {
    const bool is_emergency = scored[r]->label == emergency;
    if (!is_emergency) {
      calibration.set_non_emergencies(calibration.non_emergencies() + 1);
      if (!caught[r] && p_emergency[r] >= emergency_threshold) {
        calibration.set_false_alarms(calibration.false_alarms() + 1);
      } else if (!caught[r] && p_emergency[r] >= review_threshold) {
        calibration.set_review_flags(calibration.review_flags() + 1);
      }
    }
    const int b = std::min(kBins - 1, static_cast<int>(p_emergency[r] * kBins));
    ++bin_rows[b];
    bin_emergencies[b] += is_emergency;
    bin_p[b] += p_emergency[r];
  }
  for (int b = 0; b < kBins; ++b) {
    auto* bin = calibration.add_bins();
    bin->set_low(b / static_cast<double>(kBins));
    bin->set_high((b + 1) / static_cast<double>(kBins));
    bin->set_rows(bin_rows[b]);
    bin->set_emergencies(bin_emergencies[b]);
    bin->set_mean_probability(bin_rows[b] > 0 ? bin_p[b] / bin_rows[b] : 0);
  }

  // 2. How often the safety layer is right when it fires, over the whole written corpus.
  int fired = 0, fired_right = 0;
  for (size_t r = 0; r < scored.size(); ++r) {
    if (caught[r]) {
      ++fired;
      fired_right += scored[r]->label == emergency ? 1 : 0;
    }
  }

  // 3. The model itself, on every row.
  auto model = FitModel(all, normalizer, scanner, options, model_path);
  if (!model.ok()) return model.status();
  v1::TriageModelMeta meta = (*model)->meta();  // learner, bytes and digest
  std::string digest_input;
  for (const TrainingExample* e : all)
    absl::StrAppend(&digest_input, e->label, "\t", e->title, "\t", e->text, "\n");
  std::string params_text;
  google::protobuf::TextFormat::PrintToString(options.params, &params_text);
  std::string linear_text;
  google::protobuf::TextFormat::PrintToString(options.linear_params, &linear_text);
  meta.set_version(
      absl::StrFormat("%s-%012x", options.learner == "fasttext" ? "ft" : "lin",
                      Fnv1a(absl::StrCat(options.learner, params_text, linear_text,
                                         normalizer.version(), options.scope.SerializeAsString()),
                            Fnv1a(digest_input)) >>
                          16));
  meta.set_rules_version(rules.version());
  meta.set_normalization_version(normalizer.version());
  meta.set_training_rows(static_cast<int>(examples.size()));
  meta.set_corpus_rows(static_cast<int>(std::count_if(
      examples.begin(), examples.end(), [](const auto& e) { return e.from_corpus; })));
  meta.set_temperature(temperature);
  meta.set_trigger_precision(fired > 0 ? static_cast<double>(fired_right) / fired : 0.0);
  meta.set_heldout_accuracy(heldout_accuracy);
  meta.set_emergency_threshold(emergency_threshold);
  meta.set_emergency_review_threshold(review_threshold);
  meta.set_labels((*model)->label_count());
  *meta.mutable_scope() = options.scope;
  *meta.mutable_emergency_calibration() = calibration;
  if (options.learner == "fasttext") {
    *meta.mutable_params() = options.params;
  } else {
    *meta.mutable_linear_params() = options.linear_params;
  }
  std::string meta_text;
  google::protobuf::TextFormat::PrintToString(meta, &meta_text);
  std::ofstream meta_out(ModelMetaPath(model_path), std::ios::binary | std::ios::trunc);
  meta_out << "# Written by liandong-train; schema liandong.v1.TriageModelMeta.\n" << meta_text;
  meta_out.close();
  if (!meta_out) return absl::DataLossError("cannot write the model metadata");
  // What the services will load must load.
  auto loaded = LoadTextModel(model_path);
  if (!loaded.ok()) return loaded.status();
  return meta;
}

absl::Status ExportTrainingSet(const std::vector<TrainingExample>& examples,
                               const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return absl::PermissionDeniedError(absl::StrCat("cannot write '", path, "'"));
  out << "id\tlabel\ttext\n";
  for (const auto& e : examples) {
    // Other learners read one text: a post's title is its first sentence.
    const std::string text = e.title.empty() ? e.text : absl::StrCat(e.title, "。", e.text);
    out << e.id << '\t' << e.label << '\t' << absl::StrReplaceAll(text, {{"\t", " "}}) << '\n';
  }
  out.close();
  if (!out) return absl::DataLossError(absl::StrCat("short write to '", path, "'"));
  return absl::OkStatus();
}

}  // namespace liandong::triage
