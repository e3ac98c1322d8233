#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liandong/v1/triage.pb.h"
#include "triage/phrase_matcher.h"

namespace liandong::triage {

// Clause boundary marker that every clause punctuation mark (，、：…) becomes.
inline constexpr char32_t kClauseBreak = U'|';
// Sentence boundary marker that every sentence-final mark (。！？；and a line break) becomes.
// It is also a clause break: the model reads both as "|"; the safety layer's scope stops at it.
inline constexpr char32_t kSentenceBreak = U'\u2016';

// Canonical form of a call text for matching: full-width ASCII (letters, digits, symbols)
// folded to half-width, ASCII lower-cased, white space dropped, sentence punctuation turned
// into kClauseBreak or kSentenceBreak (a run of marks becomes one break, a sentence break if
// any of them ends a sentence). Text that is not valid UTF-8 normalises to nothing.
std::u32string Normalize(absl::string_view utf8_text);

bool IsClauseBreak(char32_t c);  // either break
bool IsSentenceBreak(char32_t c);

// Normalize() plus the speech-recognition and typing corrections of a NormalizationTable
// (longest match first, left to right). Immutable; share it freely.
class TextNormalizer {
 public:
  TextNormalizer() = default;  // no corrections
  // Refuses a table with empty, non-UTF-8, self-mapping or repeated `from` entries, listing each.
  static absl::StatusOr<TextNormalizer> FromTable(const v1::NormalizationTable& table);
  static absl::StatusOr<TextNormalizer> Load(const std::string& path);

  std::u32string Normalize(absl::string_view utf8_text) const;
  const std::string& version() const { return version_; }
  size_t corrections() const { return replacements_.size(); }

 private:
  PhraseMatcher from_;
  std::vector<std::u32string> replacements_;  // by phrase index of from_
  std::string version_ = "none";
};

// The installed normalisation table (deploy/triage/normalization.textproto).
std::string DefaultNormalizationPath();

}  // namespace liandong::triage
