#include "triage/rule_classifier.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "common/enums.h"

namespace liandong::triage {
namespace {

struct Candidate {
  v1::Disposition disposition;
  std::string item;  // item id (TRANSFER) or police class id (POLICE)
  double score;
};

}  // namespace

RuleClassifier::RuleClassifier(std::shared_ptr<const rules::RuleIndex> rules,
                               ClassifierOptions options,
                               std::shared_ptr<const TextNormalizer> normalizer)
    : scanner_(std::move(rules)),
      options_(options),
      normalizer_(normalizer ? std::move(normalizer) : std::make_shared<const TextNormalizer>()) {}

v1::Triage RuleClassifier::Classify(v1::Side /*side*/, v1::Channel /*channel*/,
                                    absl::string_view text) const {
  const RuleSignals s = scanner_.Scan(normalizer_->Normalize(text));
  const rules::RuleIndex& rules = scanner_.rules();

  std::vector<Candidate> candidates;
  for (size_t i = 0; i < scanner_.item_count(); ++i) {
    if (s.item_score[i] > 0) {
      candidates.push_back({v1::TRANSFER_12345, scanner_.item(i).id(), s.item_score[i]});
    }
  }
  for (size_t p = 0; p < scanner_.police_class_count(); ++p) {
    if (s.police_score[p] > 0) {
      candidates.push_back({v1::POLICE_110, scanner_.police_class(p).id(), s.police_score[p]});
    }
  }
  for (const auto& [d, score] : s.cue_score) candidates.push_back({d, "", score});
  // Highest score first; on a tie the more cautious disposition (lower enum value) wins.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.score != b.score) return a.score > b.score;
    return a.disposition < b.disposition;
  });

  double total = 1.0;  // the "none of these" baseline, exp(0)
  for (const auto& c : candidates) total += std::exp(c.score);
  auto confidence_of = [&](double score) { return std::exp(score) / total; };

  v1::Triage triage;
  triage.set_rules_version(rules.version());
  triage.set_model_version(kModelVersion);
  std::string winner_ref;
  if (s.emergency) {
    triage.set_disposition(v1::EMERGENCY_110);
    triage.set_handover_item(s.emergency->handover_item);
    triage.set_police_class(s.emergency->police_class);
    triage.set_category(s.emergency->handover_item.empty()
                            ? "emergency"
                            : rules.CategoryOf(s.emergency->handover_item));
    triage.set_confidence(0.95);
    triage.set_reason(absl::StrCat("危及人身财产或公共安全：", s.emergency->reason));
    winner_ref = s.emergency->handover_item;
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
      triage.set_item(top.item);
      triage.set_category(rules.CategoryOf(top.item));
      triage.set_reason(absl::StrCat("非警务事项：", rules.FindItem(top.item)->name()));
    } else if (top.disposition == v1::POLICE_110) {
      triage.set_police_class(top.item);
      triage.set_category("police");
      triage.set_reason(absl::StrCat("警务事项：", rules.FindPoliceClass(top.item)->name()));
    } else {
      triage.set_category(DispositionLabel(top.disposition));
      triage.set_reason(DispositionCueReason(rules, top.disposition));
    }
  }

  // Evidence: every trigger, negation and pattern, plus the keywords of the chosen item.
  for (const auto& e : s.other_evidence) *triage.add_evidence() = e;
  for (const auto& e : s.item_evidence) {
    if (e.ref() == winner_ref) *triage.add_evidence() = e;
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
