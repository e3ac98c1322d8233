#include "triage/triage_engine.h"

#include <algorithm>
#include <numeric>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/enums.h"
#include "triage/calibration.h"
#include "triage/features.h"
#include "triage/pooled_scores.h"

namespace liandong::triage {
namespace {

// Evidence budget: the rules' findings first (they are what the operator can check in the
// text), then the model's strongest features.
constexpr int kRuleEvidence = 8;
// For models whose metadata predates the fitted threshold.
constexpr double kFallbackEmergencyThreshold = 0.2;

bool HasHandoverTrigger(const v1::Item& item) {
  for (const auto& e : item.escalations()) {
    if (e.handover()) return true;
  }
  return false;
}

}  // namespace

TriageEngine::TriageEngine(std::shared_ptr<const rules::RuleIndex> rules,
                           std::shared_ptr<const TextModel> model,
                           std::shared_ptr<const TextNormalizer> normalizer, EngineOptions options)
    : scanner_(std::move(rules), model->meta().scope()),
      model_(std::move(model)),
      normalizer_(std::move(normalizer)),
      options_(options) {
  if (options_.emergency_threshold <= 0) {
    options_.emergency_threshold = model_->meta().emergency_threshold() > 0
                                       ? model_->meta().emergency_threshold()
                                       : kFallbackEmergencyThreshold;
  }
  for (int l = 0; l < model_->label_count(); ++l) {
    const RouteLabel& label = model_->label(l);
    const v1::Item* item = label.item.empty() ? nullptr : scanner_.rules().FindItem(label.item);
    label_allowed_.push_back(label.item.empty() || item != nullptr);
    label_has_handover_.push_back(item != nullptr && HasHandoverTrigger(*item));
    if (label.disposition == v1::EMERGENCY_110) emergency_label_ = l;
  }
  item_label_.assign(scanner_.item_count(), -1);
  for (size_t i = 0; i < scanner_.item_count(); ++i) {
    for (int l = 0; l < model_->label_count(); ++l) {
      if (model_->label(l).item == scanner_.item(i).id()) item_label_[i] = l;
    }
  }
}

std::vector<double> TriageEngine::LabelProbabilities(const std::vector<double>& scores) const {
  std::vector<double> p = Calibrate(scores, model_->meta().temperature());
  double kept = 0;
  for (size_t l = 0; l < p.size(); ++l) {
    if (!label_allowed_[l]) p[l] = 0;
    kept += p[l];
  }
  if (kept > 0) {
    for (double& v : p) v /= kept;
  }
  return p;
}

std::string TriageEngine::HandoverItem(const std::vector<double>& probs,
                                       const RuleSignals& signals) const {
  // In an emergency the emergency label holds most of the probability, so an item's chance is
  // judged by its share among the item labels: what the hazard is about.
  double items_total = 0;
  int best = -1;
  for (size_t l = 0; l < probs.size(); ++l) {
    if (model_->label(l).disposition != v1::TRANSFER_12345) continue;
    items_total += probs[l];
    if (label_has_handover_[l] && (best < 0 || probs[l] > probs[best])) best = static_cast<int>(l);
  }
  constexpr double kMinHandoverShare = 0.3;
  if (best >= 0 && items_total > 0 && probs[best] / items_total >= kMinHandoverShare) {
    return model_->label(best).item;
  }
  // Otherwise the item whose own keywords the text names most, if it has a handover trigger
  // and the model gives it some support (a crime on a staircase is not a corridor hazard).
  constexpr double kMinKeywordItemShare = 0.1;
  int best_item = -1;
  for (size_t i = 0; i < scanner_.item_count(); ++i) {
    if (signals.item_score[i] <= 0 || !HasHandoverTrigger(scanner_.item(i))) continue;
    const int label = item_label_[i];
    if (label < 0 || items_total <= 0 || probs[label] / items_total < kMinKeywordItemShare)
      continue;
    if (best_item < 0 || signals.item_score[i] > signals.item_score[best_item]) {
      best_item = static_cast<int>(i);
    }
  }
  return best_item < 0 ? "" : scanner_.item(best_item).id();
}

int TriageEngine::TopicLabel(const std::vector<double>& probs) const {
  const rules::RuleIndex& rules = scanner_.rules();
  // Probability mass per category, over the item labels.
  std::vector<std::pair<std::string, double>> mass;
  for (size_t l = 0; l < probs.size(); ++l) {
    const RouteLabel& label = model_->label(l);
    if (label.disposition != v1::TRANSFER_12345 || probs[l] <= 0) continue;
    const std::string category = rules.CategoryOf(label.item);
    auto it =
        std::find_if(mass.begin(), mass.end(), [&](const auto& m) { return m.first == category; });
    if (it == mass.end()) {
      mass.push_back({category, probs[l]});
    } else {
      it->second += probs[l];
    }
  }
  if (mass.empty()) return -1;
  const std::string& best_category =
      std::max_element(mass.begin(), mass.end(), [](const auto& a, const auto& b) {
        return a.second < b.second;
      })->first;
  int best = -1;
  for (size_t l = 0; l < probs.size(); ++l) {
    const RouteLabel& label = model_->label(l);
    if (label.disposition != v1::TRANSFER_12345 || probs[l] <= 0) continue;
    if (rules.CategoryOf(label.item) != best_category) continue;
    if (best < 0 || probs[l] > probs[best]) best = static_cast<int>(l);
  }
  return best;
}

v1::Triage TriageEngine::Decide(absl::string_view title, absl::string_view text,
                                bool explain) const {
  TextReading reading =
      ReadText(*model_, scanner_, *normalizer_, title, text, options_.chunks, explain);
  RuleSignals& signals = reading.signals;
  const std::vector<Token>& tokens = reading.tokens;
  const std::vector<ModelInput>& inputs = reading.inputs;
  const std::vector<double>& scores = reading.scores;
  const std::vector<double> probs = LabelProbabilities(scores);
  // The four likeliest labels: the choice and three alternatives.
  std::vector<int> ranked(probs.size());
  std::iota(ranked.begin(), ranked.end(), 0);
  const size_t shown = std::min<size_t>(4, ranked.size());
  std::partial_sort(ranked.begin(), ranked.begin() + shown, ranked.end(), [&](int a, int b) {
    return probs[a] != probs[b] ? probs[a] > probs[b] : a < b;
  });
  ranked.resize(shown);
  const rules::RuleIndex& rules = scanner_.rules();
  const double p_emergency = emergency_label_ >= 0 ? probs[emergency_label_] : 0.0;

  v1::Triage triage;
  triage.set_rules_version(rules.version());
  triage.set_model_version(model_->version());
  int chosen = ranked.empty() ? -1 : ranked.front();
  if (signals.emergency) {
    // The safety layer decides; the confidence is how often its triggers are right.
    const EmergencyFinding& e = *signals.emergency;
    chosen = emergency_label_;
    triage.set_disposition(v1::EMERGENCY_110);
    // A general risk cue (被困, 冒烟) names no item; the hazard's agency still takes over.
    triage.set_handover_item(e.handover_item.empty() && e.police_class.empty()
                                 ? HandoverItem(probs, signals)
                                 : e.handover_item);
    triage.set_police_class(e.police_class);
    triage.set_confidence(std::max(p_emergency, model_->meta().trigger_precision()));
    triage.set_reason(absl::StrCat("危及人身财产或公共安全：", e.reason));
  } else if (emergency_label_ >= 0 && p_emergency >= options_.emergency_threshold) {
    chosen = emergency_label_;
    triage.set_disposition(v1::EMERGENCY_110);
    triage.set_handover_item(HandoverItem(probs, signals));
    triage.set_confidence(p_emergency);
    triage.set_reason(absl::StrFormat(
        "可能危及人身财产或公共安全（模型紧急概率 %.2f）：按安全规则由110先行处置", p_emergency));
  } else if (chosen >= 0) {
    if (model_->label(chosen).disposition == v1::TRANSFER_12345) {
      // The topic: the likeliest category's likeliest item (a post on a topic outside the 50
      // items still reaches the closest category).
      const int topic = TopicLabel(probs);
      if (topic >= 0) chosen = topic;
    }
    const RouteLabel& top = model_->label(chosen);
    triage.set_disposition(top.disposition);
    triage.set_confidence(probs[chosen]);
    if (top.disposition == v1::DIRECT_ANSWER) {
      // A consultation is about an item too: the one the model finds likeliest.
      const int topic = TopicLabel(probs);
      if (topic >= 0) triage.set_item(model_->label(topic).item);
    }
    if (top.disposition == v1::TRANSFER_12345) {
      triage.set_item(top.item);
      triage.set_category(rules.CategoryOf(top.item));
      triage.set_reason(absl::StrCat("非警务事项：", rules.FindItem(top.item)->name()));
    } else if (top.disposition == v1::POLICE_110) {
      triage.set_category("police");
      const auto best = std::max_element(signals.police_score.begin(), signals.police_score.end());
      if (best != signals.police_score.end() && *best > 0) {
        const v1::PoliceClass& pc = scanner_.police_class(best - signals.police_score.begin());
        triage.set_police_class(pc.id());
        triage.set_reason(absl::StrCat("警务事项：", pc.name()));
      } else {
        triage.set_reason("警务事项：由110受理");
      }
    } else {
      triage.set_category(DispositionLabel(top.disposition));
      triage.set_reason(DispositionCueReason(rules, top.disposition));
      if (triage.reason().empty()) {
        triage.set_reason(absl::StrCat("模型判断：", DispositionLabel(top.disposition)));
      }
    }
  } else {
    triage.set_disposition(v1::JOINT);  // no model labels at all: 12345 accepts first
    triage.set_reason("无法判断：职责不清，按首接负责由12345先行受理");
  }
  if (triage.disposition() == v1::EMERGENCY_110) {
    triage.set_category(triage.handover_item().empty() ? "emergency"
                                                       : rules.CategoryOf(triage.handover_item()));
  }

  triage.set_needs_review(triage.confidence() < options_.review_threshold);
  // A possible danger the engine did not send to 110: the operator decides, and 110 is the
  // first alternative offered.
  const double review_at = model_->meta().emergency_review_threshold();
  const bool model_doubt = review_at > 0 && p_emergency >= review_at;
  const bool doubt = (signals.doubt || model_doubt) && triage.disposition() != v1::EMERGENCY_110;
  if (doubt) {
    triage.set_needs_review(true);
    triage.set_reason(absl::StrCat(
        triage.reason(), "；注意：",
        signals.doubt ? signals.doubt->reason : absl::StrFormat("模型紧急概率 %.2f", p_emergency),
        "，请核实是否需110处置"));
  }
  if (!explain) return triage;
  if (doubt) {
    auto* alt = triage.add_alternatives();
    alt->set_disposition(v1::EMERGENCY_110);
    alt->set_confidence(p_emergency);
  }
  for (int l : ranked) {
    if (triage.alternatives_size() == 3) break;
    if (l == chosen || probs[l] <= 0 || (doubt && l == emergency_label_)) continue;
    const RouteLabel& label = model_->label(l);
    auto* alt = triage.add_alternatives();
    alt->set_disposition(label.disposition);
    alt->set_item(label.item);
    alt->set_confidence(probs[l]);
  }
  AddEvidence(std::move(signals), tokens, inputs, chosen, &triage);
  return triage;
}

void TriageEngine::AddEvidence(RuleSignals&& signals, const std::vector<Token>& tokens,
                               const std::vector<ModelInput>& inputs, int label,
                               v1::Triage* triage) const {
  const std::string& item = triage->item().empty() ? triage->handover_item() : triage->item();
  std::vector<v1::Evidence> rule_evidence = std::move(signals.other_evidence);
  for (auto& e : signals.item_evidence) {
    if (!item.empty() && e.ref() == item) rule_evidence.push_back(std::move(e));
  }
  std::stable_sort(
      rule_evidence.begin(), rule_evidence.end(),
      [](const v1::Evidence& a, const v1::Evidence& b) { return a.weight() > b.weight(); });
  if (static_cast<int>(rule_evidence.size()) > kRuleEvidence) rule_evidence.resize(kRuleEvidence);
  for (auto& e : rule_evidence) *triage->add_evidence() = std::move(e);
  if (label < 0) return;
  // The features explain the chosen model label: an item, or a disposition (an emergency's
  // features are the emergency label's even when a handover item is named).
  const RouteLabel& chosen = model_->label(label);
  const std::string ref = chosen.item.empty() ? DispositionLabel(chosen.disposition) : chosen.item;
  for (const FeatureWeight& f :
       model_->StrongestFeatures(tokens, inputs, label, options_.model_features)) {
    *triage->add_evidence() = MakeEvidence("feature", f.text, f.start, f.end, ref, f.weight);
  }
}

}  // namespace liandong::triage
