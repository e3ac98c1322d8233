#include "triage/ngrams.h"

#include <algorithm>

namespace liandong::triage {
namespace {

constexpr uint64_t kFnvOffset = 1469598103934665603ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

uint64_t Mix(uint64_t h, const std::string& bytes) {
  for (unsigned char c : bytes) {
    h ^= c;
    h *= kFnvPrime;
  }
  h ^= 0x1f;  // separator: "ab"+"c" and "a"+"bc" differ
  return h * kFnvPrime;
}

}  // namespace

std::vector<Ngram> Ngrams(const std::vector<Token>& tokens, int max_n) {
  std::vector<Ngram> out;
  out.reserve(tokens.size() * max_n);
  for (size_t i = 0; i < tokens.size(); ++i) {
    uint64_t h = kFnvOffset;
    for (int n = 1; n <= max_n && i + n <= tokens.size(); ++n) {
      const Token& t = tokens[i + n - 1];
      if (t.text == "|") break;
      h = Mix(h, t.text);
      out.push_back({h, static_cast<int>(i), n});
    }
  }
  return out;
}

NgramCounts CountNgrams(const std::vector<Ngram>& ngrams) {
  std::vector<uint64_t> hashes;
  hashes.reserve(ngrams.size());
  for (const Ngram& g : ngrams) hashes.push_back(g.hash);
  std::sort(hashes.begin(), hashes.end());
  NgramCounts c;
  for (size_t i = 0; i < hashes.size(); ++i) {
    if (!c.hashes.empty() && c.hashes.back() == hashes[i]) {
      ++c.counts.back();
    } else {
      c.hashes.push_back(hashes[i]);
      c.counts.push_back(1);
    }
  }
  return c;
}

}  // namespace liandong::triage
