#pragma once

#include <string>
#include <vector>

namespace liandong::triage {

// What a word near a safety trigger says about when, or whether, the danger is real.
enum class ScopeKind { kPresent, kPast, kHypothetical, kReported };

// A scope word found in the normalised text (code point offsets).
struct ScopeMarker {
  int start = 0;
  int end = 0;
  ScopeKind kind = ScopeKind::kPresent;
};

// Why a trigger is disarmed by its scope, or kPresent when nothing disarms it. Only markers in
// the trigger's own sentence count, the nearest deciding: first those in the trigger's clause
// ("上个月着过火" past, "现在冒烟了" present, "就怕着火" hypothetical), then the nearest in an
// earlier clause ("听说…，…着火了" reported); failing both, a past marker in a later clause
// ("…着火了，已经扑灭了") disarms. `markers` may be in any order.
ScopeKind TriggerScope(const std::u32string& normalized, int start, int end,
                       const std::vector<ScopeMarker>& markers);

// "past", "hypothetical", "reported" (the evidence kind of a disarmed trigger) or "present".
const char* ScopeName(ScopeKind kind);

}  // namespace liandong::triage
