#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liandong/v1/triage.pb.h"
#include "rules/rule_index.h"
#include "triage/labelled_calls.h"
#include "triage/linear_trainer.h"
#include "triage/normalizer.h"

namespace liandong::triage {

// One training row: a label and the text it came from.
struct TrainingExample {
  std::string id;
  std::string label;  // LabelFor(...)
  std::string text;   // the original text (corpus row or rule-table phrase); a post's body
  bool from_corpus = true;
  std::string title;  // a post's title, or ""
};

// fastText's parameters when liandong-train is given none (see docs/triage.md for how they
// were chosen: cross-validation on the corpus, never on the evaluation set).
v1::FastTextParams DefaultParams();

// Corpus rows plus the rule table's phrases (item names and keywords, police keywords,
// escalation triggers, risk cues and disposition cues), each with its route label.
std::vector<TrainingExample> BuildTrainingSet(const std::vector<LabelledCall>& corpus,
                                              const rules::RuleIndex& rules);

struct TrainOptions {
  std::string learner = "linear";  // or "fasttext"
  v1::LinearParams linear_params = DefaultLinearParams();
  v1::FastTextParams params = DefaultParams();  // fastText's
  int heldout_percent = 15;  // kept for the command line; calibration uses `folds`
  // Cross-validation folds over the written corpus: every row is scored once by a model that
  // did not see it; the temperature and the emergency threshold are fitted on those scores.
  int folds = 5;
  // How many false alarms one missed emergency is worth: the emergency threshold minimises
  // false alarms + miss_cost x missed emergencies over the held-out rows the safety layer did
  // not catch. The emergencies it still misses are flagged needs_review instead (down to the
  // least sure one: 100 % of the held-out emergencies are routed to 110 or flagged).
  double miss_cost = 10;
  // Scope words, offices, question words and soft cues (deploy/triage/scope.textproto): the
  // model's signal features; stored in the metadata so serving reads calls the same way.
  v1::ScopeLexicon scope;
  std::string work_dir;  // scratch files; default: beside the model
  // When set, gets one line per held-out emergency that the safety layer did not catch, with
  // the model's probability for it, least sure first: what the threshold had to allow for.
  std::vector<std::string>* uncaught_emergencies = nullptr;
};

// Trains deterministically (fixed seeds, fixed order; fastText on one thread): first once per
// cross-validation fold to fit the temperature and the emergency threshold on scores of rows
// each model did not see, then on everything. Writes
// the model to `model_path` and its metadata to ModelMetaPath(model_path); returns the metadata.
absl::StatusOr<v1::TriageModelMeta> TrainModel(const std::vector<TrainingExample>& examples,
                                               const rules::RuleIndex& rules,
                                               const TextNormalizer& normalizer,
                                               const TrainOptions& options,
                                               const std::string& model_path);

// Writes the training set as TSV (id, label, text) so that other learners (the sklearn
// baseline) train on exactly the same rows.
absl::Status ExportTrainingSet(const std::vector<TrainingExample>& examples,
                               const std::string& path);

}  // namespace liandong::triage
