#include "triage/normalizer.h"

#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text_proto.h"
#include "common/utf8.h"

namespace liandong::triage {
namespace {

bool IsSpace(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\r' || c == U'\u3000' || c == U'\u00A0';
}

// Marks that end a sentence: the safety layer reads a trigger's tense and modality up to them.
bool EndsSentence(char32_t c) {
  switch (c) {
    case U'。':
    case U'；':
    case U'！':
    case U'？':
    case U';':
    case U'!':
    case U'?':
    case U'\n':
    case U'\uFF61':
    case kSentenceBreak:
      return true;
    default:
      return false;
  }
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
    case U'\uFF61':  // half-width ideographic full stop
    case U'\n':
    case kSentenceBreak:
      return true;
    default:
      return false;
  }
}

}  // namespace

bool IsClauseBreak(char32_t c) { return c == kClauseBreak || c == kSentenceBreak; }
bool IsSentenceBreak(char32_t c) { return c == kSentenceBreak; }

std::u32string Normalize(absl::string_view utf8_text) {
  // The services refuse malformed text at the edge; here it must simply not be misread.
  if (!IsValidUtf8(utf8_text)) return std::u32string();
  const std::u32string in = DecodeUtf8(utf8_text);
  std::u32string out;
  out.reserve(in.size());
  for (char32_t c : in) {
    if (c >= U'\uFF01' && c <= U'\uFF5E' && c != U'，' && c != U'！' && c != U'？' && c != U'；' &&
        c != U'：' && c != U'～') {
      c = c - 0xFEE0;  // full-width ASCII block (letters, digits, symbols) -> ASCII
    }
    if (IsSpace(c)) continue;
    if (IsSentencePunctuation(c)) {
      const char32_t mark = EndsSentence(c) ? kSentenceBreak : kClauseBreak;
      if (!out.empty() && IsClauseBreak(out.back())) {
        if (mark == kSentenceBreak) out.back() = kSentenceBreak;
        continue;
      }
      out.push_back(mark);
      continue;
    }
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
    out.push_back(c);
  }
  return out;
}

absl::StatusOr<TextNormalizer> TextNormalizer::FromTable(const v1::NormalizationTable& table) {
  TextNormalizer n;
  std::vector<std::string> problems;
  absl::flat_hash_set<std::u32string> seen;
  for (int i = 0; i < table.corrections_size(); ++i) {
    const v1::Correction& c = table.corrections(i);
    const std::string where = absl::StrCat("corrections[", i, "] ('", c.from(), "')");
    if (!IsValidUtf8(c.from()) || !IsValidUtf8(c.to())) {
      problems.push_back(absl::StrCat(where, ": not valid UTF-8"));
      continue;
    }
    const std::u32string from = triage::Normalize(c.from());
    const std::u32string to = triage::Normalize(c.to());
    if (from.empty()) {
      problems.push_back(absl::StrCat(where, ".from: empty"));
    } else if (from == to) {
      problems.push_back(absl::StrCat(where, ": maps a text to itself"));
    } else if (!seen.insert(from).second) {
      problems.push_back(absl::StrCat(where, ".from: listed twice"));
    } else {
      const int id = n.from_.Add(from);
      if (static_cast<size_t>(id) >= n.replacements_.size()) n.replacements_.resize(id + 1);
      n.replacements_[id] = to;
    }
  }
  if (!problems.empty()) {
    return absl::InvalidArgumentError(absl::StrCat("normalization table refused (", problems.size(),
                                                   " problems):\n  ",
                                                   absl::StrJoin(problems, "\n  ")));
  }
  n.version_ = table.version().empty() ? "unversioned" : table.version();
  return n;
}

absl::StatusOr<TextNormalizer> TextNormalizer::Load(const std::string& path) {
  v1::NormalizationTable table;
  absl::Status loaded = LoadTextProto(path, &table);
  if (!loaded.ok()) {
    return absl::Status(loaded.code(),
                        absl::StrCat("normalization table refused: ", loaded.message()));
  }
  auto normalizer = FromTable(table);
  if (!normalizer.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": ", normalizer.status().message()));
  }
  return normalizer;
}

std::u32string TextNormalizer::Normalize(absl::string_view utf8_text) const {
  std::u32string text = triage::Normalize(utf8_text);
  if (replacements_.empty()) return text;
  std::vector<PhraseMatch> matches = from_.FindAll(text);
  if (matches.empty()) return text;
  // Longest correction at each start wins; overlapping later matches are skipped.
  std::stable_sort(matches.begin(), matches.end(), [](const PhraseMatch& a, const PhraseMatch& b) {
    if (a.start != b.start) return a.start < b.start;
    return a.end > b.end;
  });
  std::u32string out;
  out.reserve(text.size());
  int pos = 0;
  for (const PhraseMatch& m : matches) {
    if (m.start < pos) continue;
    out.append(text, pos, m.start - pos);
    out.append(replacements_[m.phrase]);
    pos = m.end;
  }
  out.append(text, pos, std::u32string::npos);
  return out;
}

std::string DefaultNormalizationPath() { return LIANDONG_DEFAULT_NORMALIZATION_PATH; }

}  // namespace liandong::triage
