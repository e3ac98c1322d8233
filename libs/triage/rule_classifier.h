#pragma once

#include <memory>
#include <string>
#include <vector>

#include "rules/rule_index.h"
#include "triage/classifier.h"
#include "triage/phrase_matcher.h"

namespace liandong::triage {

struct ClassifierOptions {
  double review_threshold = 0.6;  // below this confidence the desk flags the suggestion
};

// Keyword- and trigger-based triage straight from the rule table. Emergency cues are
// checked first and win over everything (policy: in doubt, EMERGENCY_110).
class RuleClassifier : public Classifier {
 public:
  RuleClassifier(std::shared_ptr<const rules::RuleIndex> rules, ClassifierOptions options);

  v1::Triage Classify(v1::Side side, v1::Channel channel, absl::string_view text) const override;

  static constexpr char kModelVersion[] = "rules-v1";

 private:
  enum class Role {
    kItemKeyword,
    kItemEscalation,
    kPoliceKeyword,
    kPoliceUrgent,
    kRiskCue,
    kDispositionCue,
    kNegation
  };
  // What one phrase means; a phrase may carry several roles.
  struct PhraseRole {
    Role role;
    int owner = -1;    // item / police class / cue index
    int trigger = -1;  // trigger index inside the owner (escalations, urgent) or risk cue index
  };

  void AddPhrase(const std::string& text, PhraseRole role);
  const v1::Trigger& TriggerOf(const PhraseRole& r) const;
  bool RequirementsMet(const v1::Trigger& trigger, const std::u32string& text) const;

  std::shared_ptr<const rules::RuleIndex> rules_;
  ClassifierOptions options_;
  PhraseMatcher matcher_;
  std::vector<std::vector<PhraseRole>> roles_;  // by phrase index
  std::vector<const v1::Item*> items_;
  std::vector<const v1::PoliceClass*> police_;
  int negation_window_ = 4;
};

}  // namespace liandong::triage
