#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/rule_index.h"
#include "triage/chunks.h"
#include "triage/classifier.h"
#include "triage/normalizer.h"
#include "triage/rule_scanner.h"
#include "triage/text_model.h"

namespace liandong::triage {

struct EngineOptions {
  // Below this confidence the suggestion carries needs_review (the desk flags it).
  double review_threshold = 0.6;
  // The model's probability of EMERGENCY_110 at or above which the call goes to 110 even
  // when another label ranks first: in doubt, EMERGENCY_110. 0: the model's fitted value.
  double emergency_threshold = 0;
  int model_features = 5;  // strongest model features shown as evidence
  ChunkOptions chunks;     // how long texts and posts are split into sentences and pooled
};

// The triage engine: normaliser → safety layer (the rule table's escalation triggers and risk
// cues, negation-aware) → trained model (over character n-grams) → one suggestion
// with calibrated confidence, top-3 alternatives and evidence. Immutable; thread-safe.
class TriageEngine : public Classifier {
 public:
  TriageEngine(std::shared_ptr<const rules::RuleIndex> rules,
               std::shared_ptr<const TextModel> model,
               std::shared_ptr<const TextNormalizer> normalizer, EngineOptions options);

  // What a call is does not depend on the line that took it: side and channel are recorded on
  // the case, not read by the engine (the corpus has every matter on both lines).
  v1::Triage Classify(v1::Side /*side*/, v1::Channel /*channel*/,
                      absl::string_view text) const override {
    return Decide("", text, /*explain=*/true);
  }
  v1::Triage ClassifyRoute(v1::Side /*side*/, v1::Channel /*channel*/,
                           absl::string_view text) const override {
    return Decide("", text, /*explain=*/false);
  }
  v1::Triage ClassifyPost(v1::Side /*side*/, v1::Channel /*channel*/, absl::string_view title,
                          absl::string_view body) const override {
    return Decide(title, body, /*explain=*/true);
  }
  v1::Triage ClassifyPostRoute(v1::Side /*side*/, v1::Channel /*channel*/, absl::string_view title,
                               absl::string_view body) const override {
    return Decide(title, body, /*explain=*/false);
  }

  const std::string& model_version() const { return model_->version(); }
  const std::shared_ptr<const TextModel>& model() const { return model_; }

 private:
  // The suggestion; with `explain`, also alternatives and evidence. A long text (or one with
  // a title) is scored sentence chunk by chunk and the scores pooled: the weighted mean for the
  // topic (the title counts double), while the safety layer reads every sentence (any armed
  // trigger is enough: the maximum).
  v1::Triage Decide(absl::string_view title, absl::string_view text, bool explain) const;
  // Calibrated probability of every model label from pooled scores; labels whose item the rule
  // table no longer has get 0 (the table decides what may be transferred).
  std::vector<double> LabelProbabilities(const std::vector<double>& scores) const;
  // The item a 12345 suggestion is about: the category holding most of the item labels'
  // probability, then its likeliest item (-1: no item label).
  int TopicLabel(const std::vector<double>& probs) const;
  // For an emergency without an item trigger: the item whose hazard needs a handover order —
  // the model's likeliest such item when it has a fair share of the item probability, else
  // the one whose keywords the text names most — or "".
  std::string HandoverItem(const std::vector<double>& probs, const RuleSignals& signals) const;
  void AddEvidence(RuleSignals&& signals, const std::vector<Token>& tokens,
                   const std::vector<ModelInput>& inputs, int label, v1::Triage* triage) const;

  RuleScanner scanner_;
  std::shared_ptr<const TextModel> model_;
  std::shared_ptr<const TextNormalizer> normalizer_;
  EngineOptions options_;
  std::vector<bool> label_allowed_;       // by model label
  std::vector<bool> label_has_handover_;  // TRANSFER label whose item has a handover trigger
  std::vector<int> item_label_;           // model label of each rule-table item (-1: none)
  int emergency_label_ = -1;
};

}  // namespace liandong::triage
