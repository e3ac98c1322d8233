#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace liandong::triage {

// Clause boundary marker that every sentence punctuation mark becomes.
inline constexpr char32_t kClauseBreak = U'|';

// Canonical form of a call text for matching: full-width ASCII folded to half-width,
// ASCII lower-cased, white space dropped, sentence punctuation turned into kClauseBreak.
// Input must be valid UTF-8.
std::u32string Normalize(absl::string_view utf8_text);

bool IsClauseBreak(char32_t c);

}  // namespace liandong::triage
