#pragma once

#include <memory>

#include "rules/rule_index.h"
#include "triage/classifier.h"
#include "triage/normalizer.h"
#include "triage/rule_scanner.h"

namespace liandong::triage {

struct ClassifierOptions {
  double review_threshold = 0.6;  // below this confidence the desk flags the suggestion
};

// Keyword- and trigger-based triage straight from the rule table, without a model: the
// fallback when no model is installed (`--model none`) and the baseline the model is measured
// against. Emergency cues win over everything (policy: in doubt, EMERGENCY_110).
class RuleClassifier : public Classifier {
 public:
  RuleClassifier(std::shared_ptr<const rules::RuleIndex> rules, ClassifierOptions options,
                 std::shared_ptr<const TextNormalizer> normalizer = nullptr);

  v1::Triage Classify(v1::Side side, v1::Channel channel, absl::string_view text) const override;

  static constexpr char kModelVersion[] = "rules-v1";

 private:
  RuleScanner scanner_;
  ClassifierOptions options_;
  std::shared_ptr<const TextNormalizer> normalizer_;
};

}  // namespace liandong::triage
