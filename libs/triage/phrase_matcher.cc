#include "triage/phrase_matcher.h"

namespace liandong::triage {
namespace {

uint64_t PairKey(char32_t a, char32_t b) {
  return (static_cast<uint64_t>(a) << 32) | static_cast<uint64_t>(b);
}

}  // namespace

int PhraseMatcher::Add(const std::u32string& phrase) {
  auto it = index_.find(phrase);
  if (it != index_.end()) return it->second;
  const int id = static_cast<int>(phrases_.size());
  phrases_.push_back(phrase);
  index_.emplace(phrase, id);
  if (phrase.size() == 1) {
    by_first_char_[phrase[0]].push_back(id);
  } else if (phrase.size() > 1) {
    by_first_two_[PairKey(phrase[0], phrase[1])].push_back(id);
  }
  if (!phrase.empty()) may_start_.set(phrase[0] & 0xFFFF);
  return id;
}

std::vector<PhraseMatch> PhraseMatcher::FindAll(const std::u32string& text) const {
  std::vector<PhraseMatch> out;
  const size_t n = text.size();
  static const std::vector<int> kNone;
  for (size_t i = 0; i < n; ++i) {
    if (!may_start_.test(text[i] & 0xFFFF)) continue;
    const auto one = by_first_char_.find(text[i]);
    const std::vector<int>& singles = one == by_first_char_.end() ? kNone : one->second;
    const std::vector<int>* longer = &kNone;
    if (i + 1 < n) {
      const auto two = by_first_two_.find(PairKey(text[i], text[i + 1]));
      if (two != by_first_two_.end()) longer = &two->second;
    }
    // Both lists are in the order the phrases were added: merge them to keep that order.
    size_t a = 0, b = 0;
    while (a < singles.size() || b < longer->size()) {
      const bool take_single =
          b == longer->size() || (a < singles.size() && singles[a] < (*longer)[b]);
      const int id = take_single ? singles[a++] : (*longer)[b++];
      const std::u32string& p = phrases_[id];
      if (p.size() <= n - i && text.compare(i, p.size(), p) == 0) {
        out.push_back({static_cast<int>(i), static_cast<int>(i + p.size()), id});
      }
    }
  }
  return out;
}

}  // namespace liandong::triage
