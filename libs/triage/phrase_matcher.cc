#include "triage/phrase_matcher.h"

namespace liandong::triage {

int PhraseMatcher::Add(const std::u32string& phrase) {
  auto it = index_.find(phrase);
  if (it != index_.end()) return it->second;
  const int id = static_cast<int>(phrases_.size());
  phrases_.push_back(phrase);
  index_.emplace(phrase, id);
  if (!phrase.empty()) {
    by_first_char_[phrase[0]].push_back(id);
    may_start_.set(phrase[0] & 0xFFFF);
  }
  return id;
}

std::vector<PhraseMatch> PhraseMatcher::FindAll(const std::u32string& text) const {
  std::vector<PhraseMatch> out;
  const size_t n = text.size();
  for (size_t i = 0; i < n; ++i) {
    if (!may_start_.test(text[i] & 0xFFFF)) continue;
    auto bucket = by_first_char_.find(text[i]);
    if (bucket == by_first_char_.end()) continue;
    for (int id : bucket->second) {
      const std::u32string& p = phrases_[id];
      if (p.size() <= n - i && text.compare(i, p.size(), p) == 0) {
        out.push_back({static_cast<int>(i), static_cast<int>(i + p.size()), id});
      }
    }
  }
  return out;
}

}  // namespace liandong::triage
