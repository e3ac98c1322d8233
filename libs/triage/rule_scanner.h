#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "liandong/v1/common.pb.h"
#include "liandong/v1/triage.pb.h"
#include "rules/rule_index.h"
#include "triage/phrase_matcher.h"
#include "triage/scope.h"

namespace liandong::triage {

// Why the safety layer forces EMERGENCY_110.
struct EmergencyFinding {
  std::string trigger_id;
  std::string reason;
  std::string handover_item;  // non-police hazard whose agency takes over after 110
  std::string police_class;
};

// Everything the rule table recognises in one normalised text.
struct RuleSignals {
  // Set when an un-negated escalation trigger, risk cue, urgent police phrase or an
  // always-emergency police class matched: the safety layer's verdict.
  std::optional<EmergencyFinding> emergency;
  std::vector<double> item_score;    // by RuleScanner::item index
  std::vector<double> police_score;  // by RuleScanner::police_class index
  std::map<v1::Disposition, double> cue_score;
  std::vector<v1::Evidence> item_evidence;   // keywords, ref = item id
  std::vector<v1::Evidence> other_evidence;  // triggers, negations, police words, patterns

  // What the model reads besides the characters (see SignalTokens): the trigger families that
  // fired, those that were disarmed and why ("negated", "benign", "past", "hypothetical",
  // "reported"), the scope words present, the offices named and whether the text asks.
  std::vector<std::string> armed;                             // trigger / cue ids
  std::vector<std::pair<std::string, std::string>> disarmed;  // (id, why)
  std::vector<std::string> soft_armed;                        // soft cue ids
  // The first armed soft cue: a possible danger that does not force 110 by itself.
  std::optional<EmergencyFinding> doubt;
  bool present = false, past = false, hypothetical = false, reported = false;
  int agencies = 0;  // distinct offices named
  bool question = false;
  std::vector<int> words;  // lexicon words present (RuleScanner::word index), in text order
};

// The rule table's phrases (item keywords, escalation triggers, risk cues, police classes,
// disposition cues, negation words, benign phrases) compiled for one pass over a text. A
// trigger preceded in its clause by a negation word within the table's negation window does
// not fire ("没人被困"), nor one overlapping a benign phrase ("请求救助"). Immutable; share it.
class RuleScanner {
 public:
  // `scope` (may be empty) adds the scope words, harmless compounds, offices, question words
  // and soft cues of a ScopeLexicon.
  explicit RuleScanner(std::shared_ptr<const rules::RuleIndex> rules,
                       const v1::ScopeLexicon& scope = v1::ScopeLexicon());

  // `normalized` must come from Normalize() / TextNormalizer::Normalize().
  // Without `with_evidence`, the signals only (no Evidence messages are built).
  RuleSignals Scan(const std::u32string& normalized, bool with_evidence = true) const;

  const rules::RuleIndex& rules() const { return *rules_; }
  const std::shared_ptr<const rules::RuleIndex>& rules_ptr() const { return rules_; }
  size_t item_count() const { return items_.size(); }
  const v1::Item& item(size_t i) const { return *items_[i]; }
  size_t police_class_count() const { return police_.size(); }
  const v1::PoliceClass& police_class(size_t p) const { return *police_[p]; }
  const std::string& word(int w) const { return scope_.words(w); }

 private:
  enum class Role {
    kItemKeyword,
    kItemEscalation,
    kPoliceKeyword,
    kPoliceUrgent,
    kRiskCue,
    kDispositionCue,
    kNegation,
    kBenign,
    kScope,   // owner: ScopeKind
    kAgency,  // owner: office index
    kQuestion,
    kSoftCue,  // owner: soft cue index
    kWord      // owner: lexicon word index
  };
  // What one phrase means; a phrase may carry several roles.
  struct PhraseRole {
    Role role;
    int owner = -1;    // item / police class / cue index
    int trigger = -1;  // trigger index inside the owner (escalations, urgent) or risk cue index
  };

  // A trigger's requires_any / unless_any words, normalised once.
  struct TriggerContext {
    std::vector<std::u32string> requires_any;
    std::vector<std::u32string> unless_any;
  };

  void AddPhrase(const std::string& text, PhraseRole role);
  void AddContext(const v1::Trigger& trigger);
  const v1::Trigger& TriggerOf(const PhraseRole& r) const;
  // The trigger's requires_any / unless_any context holds in the text.
  bool ContextAllows(const v1::Trigger& trigger, const std::u32string& text) const;

  std::shared_ptr<const rules::RuleIndex> rules_;
  PhraseMatcher matcher_;
  std::vector<std::vector<PhraseRole>> roles_;  // by phrase index
  std::vector<const v1::Item*> items_;
  std::vector<const v1::PoliceClass*> police_;
  absl::flat_hash_map<const v1::Trigger*, TriggerContext> contexts_;
  int negation_window_ = 4;
  v1::ScopeLexicon scope_;  // own copy (soft cues are read from it by index)
  std::vector<std::vector<std::u32string>> soft_requires_;  // by soft cue
  int agency_count_ = 0;
};

// The reason the table gives for a disposition's cues ("" when it gives none).
std::string DispositionCueReason(const rules::RuleIndex& rules, v1::Disposition disposition);

// Builds one Evidence entry.
v1::Evidence MakeEvidence(std::string kind, std::string text, int start, int end, std::string ref,
                          double weight);

}  // namespace liandong::triage
