#include "triage/ngrams.h"

#include <algorithm>

#include "common/fnv.h"

namespace liandong::triage {
namespace {

// One more token of an n-gram: its bytes, then a separator ("ab"+"c" and "a"+"bc" differ).
uint64_t Mix(uint64_t h, const std::string& bytes) {
  h = Fnv1a(bytes, h);
  h ^= 0x1f;
  return h * kFnv1aPrime;
}

}  // namespace

void AppendNgrams(const std::vector<Token>& tokens, int begin, int end, int max_n,
                  std::vector<Ngram>* out) {
  for (int i = begin; i < end; ++i) {
    uint64_t h = kFnv1aOffset;
    for (int n = 1; n <= max_n && i + n <= end; ++n) {
      const Token& t = tokens[i + n - 1];
      if (t.text == "|") break;
      h = Mix(h, t.text);
      out->push_back({h, i, n});
    }
  }
}

std::vector<Ngram> Ngrams(const std::vector<Token>& tokens, int max_n) {
  std::vector<Ngram> out;
  out.reserve(tokens.size() * max_n);
  AppendNgrams(tokens, 0, static_cast<int>(tokens.size()), max_n, &out);
  return out;
}

NgramCounts CountNgrams(const std::vector<Ngram>& ngrams) {
  // An open-addressing table (no random seed: the same n-grams always give the same order),
  // cheaper than sorting for the few hundred n-grams of a text; distinct hashes come out in
  // the order they first appear.
  size_t size = 16;
  while (size < 2 * ngrams.size()) size *= 2;
  const size_t mask = size - 1;
  std::vector<int> slot_of(size, -1);  // index into the output, or -1
  NgramCounts c;
  c.hashes.reserve(ngrams.size());
  c.counts.reserve(ngrams.size());
  c.first.reserve(ngrams.size());
  for (size_t i = 0; i < ngrams.size(); ++i) {
    const uint64_t h = ngrams[i].hash;
    size_t slot = static_cast<size_t>((h * 0x9E3779B97F4A7C15ULL) >> 32) & mask;
    while (true) {
      const int at = slot_of[slot];
      if (at < 0) {
        slot_of[slot] = static_cast<int>(c.hashes.size());
        c.hashes.push_back(h);
        c.counts.push_back(1);
        c.first.push_back(static_cast<int>(i));
        break;
      }
      if (c.hashes[at] == h) {
        ++c.counts[at];
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
  return c;
}

}  // namespace liandong::triage
