#include "triage/features.h"

#include "common/utf8.h"
#include "triage/normalizer.h"

namespace liandong::triage {
namespace {

bool IsAsciiLetter(char32_t c) { return c >= U'a' && c <= U'z'; }
bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

}  // namespace

std::vector<Token> ModelTokens(const std::u32string& normalized) {
  std::vector<Token> tokens;
  tokens.reserve(normalized.size());
  const int n = static_cast<int>(normalized.size());
  int i = 0;
  while (i < n) {
    const char32_t c = normalized[i];
    int j = i + 1;
    if (IsAsciiLetter(c)) {
      while (j < n && IsAsciiLetter(normalized[j])) ++j;
      tokens.push_back({EncodeUtf8(std::u32string_view(normalized).substr(i, j - i)), i, j});
    } else if (IsDigit(c)) {
      while (j < n && IsDigit(normalized[j])) ++j;
      tokens.push_back({"#", i, j});
    } else if (IsClauseBreak(c)) {
      tokens.push_back({"|", i, j});
    } else if (c > U' ') {
      tokens.push_back({EncodeUtf8(std::u32string_view(normalized).substr(i, 1)), i, j});
    }
    i = j;
  }
  return tokens;
}

std::string ModelLine(const std::vector<Token>& tokens) {
  std::string line;
  for (const Token& t : tokens) {
    if (!line.empty()) line.push_back(' ');
    line += t.text;
  }
  return line;
}

}  // namespace liandong::triage
