#include "triage/scope.h"

#include "triage/normalizer.h"

namespace liandong::triage {
namespace {

// [begin, end) of the sentence holding position `pos`.
std::pair<int, int> SentenceAround(const std::u32string& text, int pos) {
  int begin = pos, end = pos;
  while (begin > 0 && !IsSentenceBreak(text[begin - 1])) --begin;
  const int n = static_cast<int>(text.size());
  while (end < n && !IsSentenceBreak(text[end])) ++end;
  return {begin, end};
}

bool BreakBetween(const std::u32string& text, int from, int to) {
  for (int k = from; k < to; ++k) {
    if (IsClauseBreak(text[k])) return true;
  }
  return false;
}

}  // namespace

const char* ScopeName(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::kPast:
      return "past";
    case ScopeKind::kHypothetical:
      return "hypothetical";
    case ScopeKind::kReported:
      return "reported";
    case ScopeKind::kPresent:
      break;
  }
  return "present";
}

ScopeKind TriggerScope(const std::u32string& normalized, int start, int end,
                       const std::vector<ScopeMarker>& markers) {
  const auto [begin, stop] = SentenceAround(normalized, start);
  const ScopeMarker* in_clause = nullptr;  // nearest marker in the trigger's clause
  int in_clause_distance = 0;
  const ScopeMarker* before = nullptr;  // nearest marker in an earlier clause
  bool finished_later = false;          // a past marker in a later clause ("…已经扑灭了")
  for (const ScopeMarker& m : markers) {
    if (m.start < begin || m.end > stop) continue;
    // A marker inside the trigger phrase itself is part of it.
    if (m.start < end && start < m.end) continue;
    const bool is_before = m.end <= start;
    const bool same_clause = is_before ? !BreakBetween(normalized, m.end, start)
                                       : !BreakBetween(normalized, end, m.start);
    if (same_clause) {
      const int distance = is_before ? start - m.end : m.start - end;
      if (in_clause == nullptr || distance < in_clause_distance) {
        in_clause = &m;
        in_clause_distance = distance;
      }
    } else if (is_before) {
      if (before == nullptr || m.end > before->end) before = &m;
    } else if (m.kind == ScopeKind::kPast) {
      finished_later = true;
    }
  }
  if (in_clause != nullptr) return in_clause->kind;
  if (before != nullptr) return before->kind;
  return finished_later ? ScopeKind::kPast : ScopeKind::kPresent;
}

}  // namespace liandong::triage
