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
  std::vector<std::pair<uint64_t, int>> order;  // (hash, position): sorts by hash, then first
  order.reserve(ngrams.size());
  for (size_t i = 0; i < ngrams.size(); ++i) order.push_back({ngrams[i].hash, static_cast<int>(i)});
  std::sort(order.begin(), order.end());
  NgramCounts c;
  c.hashes.reserve(order.size());
  c.counts.reserve(order.size());
  c.first.reserve(order.size());
  for (const auto& [hash, position] : order) {
    if (!c.hashes.empty() && c.hashes.back() == hash) {
      ++c.counts.back();
    } else {
      c.hashes.push_back(hash);
      c.counts.push_back(1);
      c.first.push_back(position);
    }
  }
  return c;
}

}  // namespace liandong::triage
