#include "triage/rule_scanner.h"

#include <algorithm>

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

}  // namespace

v1::Evidence MakeEvidence(std::string kind, std::string text, int start, int end, std::string ref,
                          double weight) {
  v1::Evidence e;
  e.set_kind(std::move(kind));
  e.set_text(std::move(text));
  e.set_start(start);
  e.set_end(end);
  e.set_ref(std::move(ref));
  e.set_weight(weight);
  return e;
}

std::string DispositionCueReason(const rules::RuleIndex& rules, v1::Disposition disposition) {
  for (const auto& cue : rules.table().disposition_cues()) {
    if (cue.disposition() == disposition && !cue.reason().empty()) return cue.reason();
  }
  return "";
}

RuleScanner::RuleScanner(std::shared_ptr<const rules::RuleIndex> rules,
                         const v1::ScopeLexicon& scope_lexicon)
    : rules_(std::move(rules)), scope_(scope_lexicon) {
  const v1::ScopeLexicon& scope = scope_;
  const v1::RuleTable& t = rules_->table();
  negation_window_ = t.negation_window() > 0 ? t.negation_window() : 4;
  for (const auto& cat : t.categories()) {
    for (const auto& item : cat.items()) {
      const int owner = static_cast<int>(items_.size());
      items_.push_back(&item);
      for (const auto& kw : item.keywords()) AddPhrase(kw, {Role::kItemKeyword, owner});
      for (int e = 0; e < item.escalations_size(); ++e) {
        AddContext(item.escalations(e));
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
      AddContext(pc.urgent(u));
      for (const auto& p : pc.urgent(u).phrases()) AddPhrase(p, {Role::kPoliceUrgent, owner, u});
    }
  }
  for (int r = 0; r < t.risk_cues_size(); ++r) {
    AddContext(t.risk_cues(r));
    for (const auto& p : t.risk_cues(r).phrases()) AddPhrase(p, {Role::kRiskCue, -1, r});
  }
  for (int c = 0; c < t.disposition_cues_size(); ++c) {
    for (const auto& p : t.disposition_cues(c).phrases()) {
      AddPhrase(p, {Role::kDispositionCue, c});
    }
  }
  for (const auto& n : t.negation_words()) AddPhrase(n, {Role::kNegation});
  for (const auto& b : t.benign_phrases()) AddPhrase(b, {Role::kBenign});
  // The scope lexicon: language data beside the table.
  for (const auto& b : scope.harmless_compounds()) AddPhrase(b, {Role::kBenign});
  auto add_scope = [&](const auto& words, ScopeKind kind) {
    for (const auto& w : words) AddPhrase(w, {Role::kScope, static_cast<int>(kind)});
  };
  add_scope(scope.present(), ScopeKind::kPresent);
  add_scope(scope.past(), ScopeKind::kPast);
  add_scope(scope.hypothetical(), ScopeKind::kHypothetical);
  add_scope(scope.reported(), ScopeKind::kReported);
  for (const auto& a : scope.agency_words()) AddPhrase(a, {Role::kAgency, agency_count_++});
  for (const auto& q : scope.question_words()) AddPhrase(q, {Role::kQuestion});
  for (int w = 0; w < scope.words_size(); ++w) AddPhrase(scope.words(w), {Role::kWord, w});
  for (const auto& cue : scope.soft_cues()) {
    const int owner = static_cast<int>(soft_requires_.size());
    auto& req = soft_requires_.emplace_back();
    for (const auto& r : cue.requires_any()) req.push_back(Normalize(r));
    for (const auto& p : cue.phrases()) AddPhrase(p, {Role::kSoftCue, owner});
  }
}

void RuleScanner::AddPhrase(const std::string& text, PhraseRole role) {
  const std::u32string phrase = Normalize(text);
  if (phrase.empty()) return;
  const int id = matcher_.Add(phrase);
  if (static_cast<size_t>(id) >= roles_.size()) roles_.resize(id + 1);
  roles_[id].push_back(role);
}

const v1::Trigger& RuleScanner::TriggerOf(const PhraseRole& r) const {
  switch (r.role) {
    case Role::kItemEscalation:
      return items_[r.owner]->escalations(r.trigger);
    case Role::kPoliceUrgent:
      return police_[r.owner]->urgent(r.trigger);
    default:
      return rules_->table().risk_cues(r.trigger);
  }
}

void RuleScanner::AddContext(const v1::Trigger& trigger) {
  TriggerContext& context = contexts_[&trigger];
  for (const auto& p : trigger.requires_any()) context.requires_any.push_back(Normalize(p));
  for (const auto& p : trigger.unless_any()) context.unless_any.push_back(Normalize(p));
}

bool RuleScanner::ContextAllows(const v1::Trigger& trigger, const std::u32string& text) const {
  const TriggerContext& context = contexts_.at(&trigger);
  auto names = [&](const std::u32string& phrase) {
    return text.find(phrase) != std::u32string::npos;
  };
  if (std::any_of(context.unless_any.begin(), context.unless_any.end(), names)) return false;
  return context.requires_any.empty() ||
         std::any_of(context.requires_any.begin(), context.requires_any.end(), names);
}

RuleSignals RuleScanner::Scan(const std::u32string& norm, bool with_evidence) const {
  const std::vector<PhraseMatch> matches = matcher_.FindAll(norm);

  // Ends of negation words, to test whether a trigger is negated ("没人被困"), and the spans
  // of benign phrases, which defuse the triggers they overlap ("请求救助" is not "求救").
  std::vector<int> negation_ends;
  std::vector<const PhraseMatch*> benign;
  std::vector<ScopeMarker> markers;
  RuleSignals s;
  std::vector<bool> office(agency_count_, false);
  for (const auto& m : matches) {
    for (const auto& r : roles_[m.phrase]) {
      if (r.role == Role::kNegation) negation_ends.push_back(m.end);
      if (r.role == Role::kBenign) benign.push_back(&m);
      if (r.role == Role::kScope) {
        const auto kind = static_cast<ScopeKind>(r.owner);
        markers.push_back({m.start, m.end, kind});
        s.present |= kind == ScopeKind::kPresent;
        s.past |= kind == ScopeKind::kPast;
        s.hypothetical |= kind == ScopeKind::kHypothetical;
        s.reported |= kind == ScopeKind::kReported;
      }
      if (r.role == Role::kAgency && !office[r.owner]) {
        office[r.owner] = true;
        ++s.agencies;
      }
      if (r.role == Role::kQuestion) s.question = true;
      if (r.role == Role::kWord) s.words.push_back(r.owner);
    }
  }
  auto defused = [&](const PhraseMatch& m) {
    for (const PhraseMatch* b : benign) {
      if (b->start < m.end && m.start < b->end) return true;
    }
    return false;
  };
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
  // Why a trigger match does not fire (the evidence kind), or nullptr when it does.
  auto disarmed = [&](const PhraseMatch& m) -> const char* {
    if (negated(m)) return "negated";
    if (defused(m)) return "benign";
    const ScopeKind scope = TriggerScope(norm, m.start, m.end, markers);
    if (scope != ScopeKind::kPresent) return ScopeName(scope);
    return nullptr;
  };
  auto evidence = [&](const PhraseMatch& m, std::string kind, std::string ref, double w) {
    return MakeEvidence(std::move(kind),
                        EncodeUtf8(std::u32string_view(norm).substr(m.start, m.end - m.start)),
                        m.start, m.end, std::move(ref), w);
  };

  s.item_score.assign(items_.size(), 0.0);
  s.police_score.assign(police_.size(), 0.0);
  for (const auto& m : matches) {
    const double w = PhraseWeight(m.end - m.start);
    for (const auto& r : roles_[m.phrase]) {
      switch (r.role) {
        case Role::kItemKeyword:
          s.item_score[r.owner] += w;
          if (with_evidence)
            s.item_evidence.push_back(evidence(m, "keyword", items_[r.owner]->id(), w));
          break;
        case Role::kPoliceKeyword:
          // Classes that always mean 110 (fire, robbery …) honour negation and benign phrases
          // like triggers do: "打不着火" is not a fire, nor is "憋着火".
          if (police_[r.owner]->always_emergency()) {
            if (const char* why = disarmed(m)) {
              if (with_evidence)
                s.other_evidence.push_back(evidence(m, why, police_[r.owner]->id(), 0));
              s.disarmed.push_back({police_[r.owner]->id(), why});
              break;
            }
            s.armed.push_back(police_[r.owner]->id());
          }
          s.police_score[r.owner] += w;
          if (with_evidence)
            s.other_evidence.push_back(evidence(m, "police", police_[r.owner]->id(), w));
          break;
        case Role::kDispositionCue: {
          const auto& cue = rules_->table().disposition_cues(r.owner);
          s.cue_score[cue.disposition()] += w * kCueBoost;
          if (with_evidence)
            s.other_evidence.push_back(
                evidence(m, "pattern", DispositionLabel(cue.disposition()), w));
          break;
        }
        case Role::kItemEscalation:
        case Role::kPoliceUrgent:
        case Role::kRiskCue: {
          const v1::Trigger& trig = TriggerOf(r);
          if (!ContextAllows(trig, norm)) break;
          if (const char* why = disarmed(m)) {
            if (with_evidence) s.other_evidence.push_back(evidence(m, why, trig.id(), 0));
            s.disarmed.push_back({trig.id(), why});
            break;
          }
          s.armed.push_back(trig.id());
          if (with_evidence) s.other_evidence.push_back(evidence(m, "trigger", trig.id(), 10));
          if (!s.emergency) {
            s.emergency.emplace();
            s.emergency->trigger_id = trig.id();
            s.emergency->reason = trig.reason();
          }
          if (r.role == Role::kItemEscalation && trig.handover() &&
              s.emergency->handover_item.empty()) {
            s.emergency->handover_item = items_[r.owner]->id();
          }
          if (r.role == Role::kPoliceUrgent && s.emergency->police_class.empty()) {
            s.emergency->police_class = police_[r.owner]->id();
          }
          break;
        }
        case Role::kSoftCue: {
          const v1::SoftCue& cue = scope_.soft_cues(r.owner);
          const auto& req = soft_requires_[r.owner];
          if (!req.empty() && std::none_of(req.begin(), req.end(), [&](const std::u32string& p) {
                return norm.find(p) != std::u32string::npos;
              })) {
            break;
          }
          if (const char* why = disarmed(m)) {
            s.disarmed.push_back({cue.id(), why});
            if (with_evidence) s.other_evidence.push_back(evidence(m, why, cue.id(), 0));
            break;
          }
          s.soft_armed.push_back(cue.id());
          if (with_evidence) s.other_evidence.push_back(evidence(m, "risk", cue.id(), 5));
          if (!s.doubt) {
            s.doubt.emplace();
            s.doubt->trigger_id = cue.id();
            s.doubt->reason = cue.reason();
          }
          break;
        }
        case Role::kNegation:
        case Role::kBenign:
        case Role::kScope:
        case Role::kAgency:
        case Role::kQuestion:
        case Role::kWord:
          break;
      }
    }
  }
  for (size_t p = 0; p < police_.size(); ++p) {
    if (s.police_score[p] > 0 && police_[p]->always_emergency()) {
      if (!s.emergency) {
        s.emergency.emplace();
        s.emergency->trigger_id = police_[p]->id();
        s.emergency->reason = absl::StrCat(police_[p]->name(), "：一律由110立即出警");
      }
      if (s.emergency->police_class.empty()) s.emergency->police_class = police_[p]->id();
    }
  }
  return s;
}

}  // namespace liandong::triage
