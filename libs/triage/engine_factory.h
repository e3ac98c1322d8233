#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "rules/rule_index.h"
#include "triage/classifier.h"
#include "triage/normalizer.h"
#include "triage/text_model.h"
#include "triage/triage_engine.h"

namespace liandong::triage {

struct EngineConfig {
  std::string model_path;          // "none": the rule table alone (RuleClassifier)
  std::string normalization_path;  // "" or "none": no corrections
  EngineOptions options;
};

// --model, --normalization, --review_threshold, --emergency_threshold (defaults: the
// installed model and normalisation table).
EngineConfig EngineConfigFromFlags();

// Holds what does not change when the rule table reloads (model, normaliser) and builds a
// classifier for each table.
class EngineFactory {
 public:
  // Refuses a missing or broken model or normalisation table, naming the file and the reason.
  static absl::StatusOr<EngineFactory> Load(const EngineConfig& config);

  std::shared_ptr<const Classifier> Build(std::shared_ptr<const rules::RuleIndex> rules) const;
  // The model's version, or RuleClassifier::kModelVersion without one.
  std::string model_version() const;
  const std::shared_ptr<const TextModel>& model() const { return model_; }

 private:
  EngineOptions options_;
  std::shared_ptr<const TextModel> model_;  // null: rules only
  std::shared_ptr<const TextNormalizer> normalizer_;
};

}  // namespace liandong::triage
