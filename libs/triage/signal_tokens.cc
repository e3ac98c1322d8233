#include "triage/signal_tokens.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace liandong::triage {

std::vector<Token> SignalTokens(const RuleSignals& s, const RuleScanner& scanner, int text_end) {
  std::vector<std::string> words;
  for (const auto& id : s.armed) {
    words.push_back("§arm");
    words.push_back(absl::StrCat("§arm:", id));
  }
  for (const auto& [id, why] : s.disarmed) {
    words.push_back(absl::StrCat("§off:", why));
    words.push_back(absl::StrCat("§off:", id, ":", why));
  }
  for (const auto& id : s.soft_armed) {
    words.push_back("§soft");
    words.push_back(absl::StrCat("§soft:", id));
  }
  if (s.present) words.push_back("§now");
  if (s.past) words.push_back("§past");
  if (s.hypothetical) words.push_back("§hyp");
  if (s.reported) words.push_back("§rep");
  if (s.agencies > 0)
    words.push_back(s.agencies >= 3 ? "§org:3+" : absl::StrCat("§org:", s.agencies));
  if (s.question) words.push_back("§q");
  for (size_t i = 0; i < s.item_score.size(); ++i) {
    if (s.item_score[i] > 0) words.push_back(absl::StrCat("§kw:", scanner.item(i).id()));
  }
  for (int w : s.words) words.push_back(absl::StrCat("§w:", scanner.word(w)));
  // Each family once (a repeated trigger is one fact), in a fixed order.
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  std::vector<Token> out;
  out.reserve(words.size());
  for (auto& w : words) out.push_back({std::move(w), text_end, text_end});
  return out;
}

std::vector<Token> ModelDocument(const std::u32string& normalized, const RuleSignals& signals,
                                 const RuleScanner& scanner) {
  std::vector<Token> tokens = ModelTokens(normalized);
  const int end = static_cast<int>(normalized.size());
  std::vector<Token> extra = SignalTokens(signals, scanner, end);
  if (extra.empty()) return tokens;
  // A break before each signal: they are single features, never n-grams with each other.
  for (auto& t : extra) {
    tokens.push_back({"|", end, end});
    tokens.push_back(std::move(t));
  }
  return tokens;
}

}  // namespace liandong::triage
