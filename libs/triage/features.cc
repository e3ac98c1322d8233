#include "triage/features.h"

#include "common/utf8.h"
#include "triage/normalizer.h"

namespace liandong::triage {
namespace {

bool IsAsciiLetter(char32_t c) { return c >= U'a' && c <= U'z'; }
bool IsDigit(char32_t c) { return c >= U'0' && c <= U'9'; }

// One code point as UTF-8, written into the token's own (small-string) buffer.
void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

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
      Token& t = tokens.emplace_back();
      AppendUtf8(c, &t.text);
      t.start = i;
      t.end = j;
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
