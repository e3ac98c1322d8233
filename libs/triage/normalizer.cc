#include "triage/normalizer.h"

#include "common/utf8.h"

namespace liandong::triage {
namespace {

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\u3000' || c == U'\u00A0';
}

// Punctuation that ends a clause in Chinese or Western writing.
bool IsSentencePunctuation(char32_t c) {
  switch (c) {
    case U'，':
    case U'。':
    case U'；':
    case U'！':
    case U'？':
    case U'、':
    case U'：':
    case U'…':
    case U',':
    case U'.':
    case U';':
    case U'!':
    case U'?':
    case U':':
    case U'|':
    case U'～':
    case U'~':
      return true;
    default:
      return false;
  }
}

}  // namespace

bool IsClauseBreak(char32_t c) { return c == kClauseBreak; }

std::u32string Normalize(absl::string_view utf8_text) {
  const std::u32string in = DecodeUtf8(utf8_text);
  std::u32string out;
  out.reserve(in.size());
  for (char32_t c : in) {
    if (c >= U'\uFF01' && c <= U'\uFF5E' && c != U'，' && c != U'！' && c != U'？' && c != U'；' &&
        c != U'：' && c != U'～') {
      c = c - 0xFEE0;  // full-width ASCII block -> ASCII
    }
    if (IsSpace(c)) continue;
    if (IsSentencePunctuation(c)) {
      if (!out.empty() && out.back() == kClauseBreak) continue;
      out.push_back(kClauseBreak);
      continue;
    }
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    out.push_back(c);
  }
  return out;
}

}  // namespace liandong::triage
