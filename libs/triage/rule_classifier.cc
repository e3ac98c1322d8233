#include "triage/rule_classifier.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "common/utf8.h"
#include "triage/normalizer.h"

namespace liandong::triage {
namespace {

// Longer phrases are more specific, so they count for more.
double PhraseWeight(size_t length) {
  if (length <= 1) return 0.5;
  return 1.0 + 0.5 * static_cast<double>(std::min<size_t>(length, 6) - 2);
}

// Consultation, invalid and out-of-scope cues are sentence frames ("请问怎么办理"),
// so one of them outweighs a topical keyword.
constexpr double kCueBoost = 1.5;

struct Candidate {
  v1::Disposition disposition;
  std::string item;  // item id (TRANSFER) or police class id (POLICE)
  double score;
};

// The emergency decision, when any cue fired.
struct EmergencyFinding {
  std::string reason;
  std::string handover_item;
  std::string police_class;
};

}  // namespace

RuleClassifier::RuleClassifier(std::shared_ptr<const rules::RuleIndex> rules,
                               ClassifierOptions options)
    : rules_(std::move(rules)), options_(options) {
  const v1::RuleTable& t = rules_->table();
  negation_window_ = t.negation_window() > 0 ? t.negation_window() : 4;
  for (const auto& cat : t.categories()) {
    for (const auto& item : cat.items()) {
      const int owner = static_cast<int>(items_.size());
      items_.push_back(&item);
      for (const auto& kw : item.keywords()) AddPhrase(kw, {Role::kItemKeyword, owner});
      for (int e = 0; e < item.escalations_size(); ++e) {
        for (const auto& p : item.escalations(e).phrases()) {
          AddPhrase(p, {Role::kItemEscalation, owner, e});
        }
      }
    }
  }
  for (const auto& pc : t.police_classes()) {
    const int owner = static_cast<int>(police_.size());
    police_.push_back(&pc);
    for (const auto& kw : pc.keywords()) AddPhrase(kw, {Role::kPoliceKeyword, owner});
    for (int u = 0; u < pc.urgent_size(); ++u) {
      for (const auto& p : pc.urgent(u).phrases()) AddPhrase(p, {Role::kPoliceUrgent, owner, u});
    }
  }
  for (int r = 0; r < t.risk_cues_size(); ++r) {
    for (const auto& p : t.risk_cues(r).phrases()) AddPhrase(p, {Role::kRiskCue, -1, r});
  }
  for (int c = 0; c < t.disposition_cues_size(); ++c) {
    for (const auto& p : t.disposition_cues(c).phrases()) {
      AddPhrase(p, {Role::kDispositionCue, c});
    }
  }
  for (const auto& n : t.negation_words()) AddPhrase(n, {Role::kNegation});
}

void RuleClassifier::AddPhrase(const std::string& text, PhraseRole role) {
  const std::u32string phrase = Normalize(text);
  if (phrase.empty()) return;
  const int id = matcher_.Add(phrase);
  if (static_cast<size_t>(id) >= roles_.size()) roles_.resize(id + 1);
  roles_[id].push_back(role);
}

const v1::Trigger& RuleClassifier::TriggerOf(const PhraseRole& r) const {
  switch (r.role) {
    case Role::kItemEscalation:
      return items_[r.owner]->escalations(r.trigger);
    case Role::kPoliceUrgent:
      return police_[r.owner]->urgent(r.trigger);
    default:
      return rules_->table().risk_cues(r.trigger);
  }
}

bool RuleClassifier::RequirementsMet(const v1::Trigger& trigger, const std::u32string& text) const {
  if (trigger.requires_any_size() == 0) return true;
  for (const auto& req : trigger.requires_any()) {
    if (text.find(Normalize(req)) != std::u32string::npos) return true;
  }
  return false;
}

v1::Triage RuleClassifier::Classify(v1::Side /*side*/, v1::Channel /*channel*/,
                                    absl::string_view text) const {
  const std::u32string norm = Normalize(text);
  const std::vector<PhraseMatch> matches = matcher_.FindAll(norm);

  // Ends of negation words, to test whether a trigger is negated ("没人被困").
  std::vector<int> negation_ends;
  for (const auto& m : matches) {
    for (const auto& r : roles_[m.phrase]) {
      if (r.role == Role::kNegation) negation_ends.push_back(m.end);
    }
  }
  auto negated = [&](const PhraseMatch& m) {
    for (int end : negation_ends) {
      if (end > m.start || m.start - end > negation_window_) continue;
      bool same_clause = true;
      for (int k = end; k < m.start; ++k) {
        if (IsClauseBreak(norm[k])) same_clause = false;
      }
      if (same_clause) return true;
    }
    return false;
  };
  auto span_text = [&](const PhraseMatch& m) {
    return EncodeUtf8(std::u32string_view(norm).substr(m.start, m.end - m.start));
  };

  v1::Triage triage;
  std::vector<double> item_score(items_.size(), 0.0);
  std::vector<double> police_score(police_.size(), 0.0);
  std::map<v1::Disposition, double> cue_score;
  std::vector<v1::Evidence> item_evidence;
  std::vector<v1::Evidence> other_evidence;
  std::optional<EmergencyFinding> emergency;

  auto evidence = [&](const PhraseMatch& m, std::string kind, std::string ref, double w) {
    v1::Evidence e;
    e.set_kind(std::move(kind));
    e.set_text(span_text(m));
    e.set_start(m.start);
    e.set_end(m.end);
    e.set_ref(std::move(ref));
    e.set_weight(w);
    return e;
  };

  for (const auto& m : matches) {
    const double w = PhraseWeight(m.end - m.start);
    for (const auto& r : roles_[m.phrase]) {
      switch (r.role) {
        case Role::kItemKeyword:
          item_score[r.owner] += w;
          item_evidence.push_back(evidence(m, "keyword", items_[r.owner]->id(), w));
          break;
        case Role::kPoliceKeyword:
          // Classes that always mean 110 (fire, robbery …) honour negation like triggers do:
          // "打不着火" is not a fire.
          if (police_[r.owner]->always_emergency() && negated(m)) {
            other_evidence.push_back(evidence(m, "negated", police_[r.owner]->id(), 0));
            break;
          }
          police_score[r.owner] += w;
          other_evidence.push_back(evidence(m, "police", police_[r.owner]->id(), w));
          break;
        case Role::kDispositionCue: {
          const auto& cue = rules_->table().disposition_cues(r.owner);
          cue_score[cue.disposition()] += w * kCueBoost;
          other_evidence.push_back(evidence(m, "pattern", DispositionLabel(cue.disposition()), w));
          break;
        }
        case Role::kItemEscalation:
        case Role::kPoliceUrgent:
        case Role::kRiskCue: {
          const v1::Trigger& trig = TriggerOf(r);
          if (!RequirementsMet(trig, norm)) break;
          if (negated(m)) {
            other_evidence.push_back(evidence(m, "negated", trig.id(), 0));
            break;
          }
          other_evidence.push_back(evidence(m, "trigger", trig.id(), 10));
          if (!emergency) emergency.emplace();
          if (emergency->reason.empty()) emergency->reason = trig.reason();
          if (r.role == Role::kItemEscalation && trig.handover() &&
              emergency->handover_item.empty()) {
            emergency->handover_item = items_[r.owner]->id();
          }
          if (r.role == Role::kPoliceUrgent && emergency->police_class.empty()) {
            emergency->police_class = police_[r.owner]->id();
          }
          break;
        }
        case Role::kNegation:
          break;
      }
    }
  }
  for (size_t p = 0; p < police_.size(); ++p) {
    if (police_score[p] > 0 && police_[p]->always_emergency()) {
      if (!emergency) emergency.emplace();
      if (emergency->reason.empty()) {
        emergency->reason = absl::StrCat(police_[p]->name(), "：一律由110立即出警");
      }
      if (emergency->police_class.empty()) emergency->police_class = police_[p]->id();
    }
  }

  std::vector<Candidate> candidates;
  for (size_t i = 0; i < items_.size(); ++i) {
    if (item_score[i] > 0)
      candidates.push_back({v1::TRANSFER_12345, items_[i]->id(), item_score[i]});
  }
  for (size_t p = 0; p < police_.size(); ++p) {
    if (police_score[p] > 0)
      candidates.push_back({v1::POLICE_110, police_[p]->id(), police_score[p]});
  }
  for (const auto& [d, s] : cue_score) candidates.push_back({d, "", s});
  // Highest score first; on a tie the more cautious disposition (lower enum value) wins.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.disposition < b.disposition;
  });

  double total = 1.0;  // the "none of these" baseline, exp(0)
  for (const auto& c : candidates) total += std::exp(c.score);
  auto confidence_of = [&](double score) { return std::exp(score) / total; };

  triage.set_rules_version(rules_->version());
  triage.set_model_version(kModelVersion);
  std::string winner_ref;
  if (emergency) {
    triage.set_disposition(v1::EMERGENCY_110);
    triage.set_handover_item(emergency->handover_item);
    triage.set_police_class(emergency->police_class);
    triage.set_category(emergency->handover_item.empty()
                            ? "emergency"
                            : rules_->CategoryOf(emergency->handover_item));
    triage.set_confidence(0.95);
    triage.set_reason(absl::StrCat("危及人身财产或公共安全：", emergency->reason));
    winner_ref = emergency->handover_item;
  } else if (candidates.empty()) {
    // Nothing recognisable: responsibility unclear, so 12345 accepts first (JOINT).
    triage.set_disposition(v1::JOINT);
    triage.set_category("unclear");
    triage.set_confidence(0.2);
    triage.set_reason("未匹配任何规则：职责不清，按首接负责由12345先行受理");
  } else {
    const Candidate& top = candidates.front();
    triage.set_disposition(top.disposition);
    triage.set_confidence(confidence_of(top.score));
    winner_ref = top.item;
    if (top.disposition == v1::TRANSFER_12345) {
      const v1::Item* item = rules_->FindItem(top.item);
      triage.set_item(top.item);
      triage.set_category(rules_->CategoryOf(top.item));
      triage.set_reason(absl::StrCat("非警务事项：", item->name()));
    } else if (top.disposition == v1::POLICE_110) {
      const v1::PoliceClass* pc = rules_->FindPoliceClass(top.item);
      triage.set_police_class(top.item);
      triage.set_category("police");
      triage.set_reason(absl::StrCat("警务事项：", pc->name()));
    } else {
      triage.set_category(DispositionLabel(top.disposition));
      for (const auto& cue : rules_->table().disposition_cues()) {
        if (cue.disposition() == top.disposition && !cue.reason().empty()) {
          triage.set_reason(cue.reason());
          break;
        }
      }
    }
  }

  // Evidence: every trigger, negation and pattern, plus the keywords of the chosen item.
  for (auto& e : other_evidence) *triage.add_evidence() = std::move(e);
  for (auto& e : item_evidence) {
    if (e.ref() == winner_ref) *triage.add_evidence() = std::move(e);
  }
  std::stable_sort(
      triage.mutable_evidence()->begin(), triage.mutable_evidence()->end(),
      [](const v1::Evidence& a, const v1::Evidence& b) { return a.weight() > b.weight(); });
  while (triage.evidence_size() > 12) triage.mutable_evidence()->RemoveLast();

  for (const auto& c : candidates) {
    if (triage.alternatives_size() == 3) break;
    const bool is_winner = c.disposition == triage.disposition() &&
                           (c.item == triage.item() || c.item == triage.police_class());
    if (is_winner) continue;
    auto* alt = triage.add_alternatives();
    alt->set_disposition(c.disposition);
    alt->set_item(c.item);
    alt->set_confidence(confidence_of(c.score));
  }
  triage.set_needs_review(triage.confidence() < options_.review_threshold);
  return triage;
}

}  // namespace liandong::triage
