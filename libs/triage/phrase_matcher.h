#pragma once

#include <bitset>
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
// Phrases are bucketed by their first character; calls texts are short, so this is fast. A
// bitmap of possible first characters skips the bucket lookup for most characters.
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
  absl::flat_hash_map<char32_t, std::vector<int>> by_first_char_;
  std::bitset<1 << 16> may_start_;  // by the low 16 bits of a first character
};

}  // namespace liandong::triage
