#pragma once

#include <bitset>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"

namespace liandong::triage {

struct PhraseMatch {
  int start = 0;  // code point offsets in the searched text
  int end = 0;
  int phrase = 0;  // index returned by Add
};

// Finds every occurrence of many short phrases in one pass over the text.
// Phrases are bucketed by their first two characters (one-character phrases by their only
// one), so a large lexicon costs little per position. A bitmap of possible first characters
// skips the bucket lookup for most characters. Matches come in text order, and at one
// position in the order the phrases were added.
class PhraseMatcher {
 public:
  // Returns the phrase's index; adding the same text twice returns the first index.
  int Add(const std::u32string& phrase);
  const std::u32string& phrase(int index) const { return phrases_[index]; }
  size_t size() const { return phrases_.size(); }

  std::vector<PhraseMatch> FindAll(const std::u32string& text) const;

 private:
  std::vector<std::u32string> phrases_;
  absl::flat_hash_map<std::u32string, int> index_;
  absl::flat_hash_map<char32_t, std::vector<int>> by_first_char_;  // one-character phrases
  absl::flat_hash_map<uint64_t, std::vector<int>> by_first_two_;   // longer phrases
  std::bitset<1 << 16> may_start_;  // by the low 16 bits of a first character
};

}  // namespace liandong::triage
