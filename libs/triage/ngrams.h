#pragma once

#include <cstdint>
#include <vector>

#include "triage/features.h"

namespace liandong::triage {

// One character n-gram of a text: its hash and the tokens it spans.
struct Ngram {
  uint64_t hash = 0;
  int first = 0;  // token index
  int n = 1;      // tokens
};

// Every n-gram of 1..max_n tokens that does not cross a clause break, in text order.
std::vector<Ngram> Ngrams(const std::vector<Token>& tokens, int max_n);

// The same for the tokens [begin, end) of `tokens`, appended to `out` (Ngram::first indexes
// `tokens`).
void AppendNgrams(const std::vector<Token>& tokens, int begin, int end, int max_n,
                  std::vector<Ngram>* out);

// A text as the linear model sees it: its distinct n-gram hashes (in order of first
// appearance) with their counts.
struct NgramCounts {
  std::vector<uint64_t> hashes;
  std::vector<int> counts;
  std::vector<int> first;  // index (in the Ngrams() list) of each hash's first occurrence
};
NgramCounts CountNgrams(const std::vector<Ngram>& ngrams);

}  // namespace liandong::triage
