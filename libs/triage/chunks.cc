#include "triage/chunks.h"

#include "triage/normalizer.h"

namespace liandong::triage {

std::vector<Chunk> ChunkText(const std::u32string& normalized, const std::vector<Token>& tokens,
                             int title_end, const ChunkOptions& options, int text_tokens) {
  const int n = text_tokens >= 0 ? text_tokens : static_cast<int>(tokens.size());
  if (title_end <= 0 && static_cast<int>(normalized.size()) <= options.long_text) {
    return {Chunk{0, n, 1}};
  }
  std::vector<Chunk> chunks;
  int begin = 0;
  // The title.
  if (title_end > 0) {
    int t = 0;
    while (t < n && tokens[t].start < title_end) ++t;
    if (t > 0) chunks.push_back({0, t, options.title_weight});
    begin = t;
  }
  // The body: whole sentences, joined while the chunk stays within chunk_chars.
  int chunk_start = begin;
  for (int t = begin; t < n; ++t) {
    const bool sentence_end = t + 1 == n || IsSentenceBreak(normalized[tokens[t].start]);
    if (!sentence_end) continue;
    const int chars = tokens[t].end - tokens[chunk_start].start;
    const int next_end = t + 1 < n ? t + 1 : n;
    // Close the chunk here when it is long enough, or the text ends.
    if (chars >= options.chunk_chars || next_end == n) {
      chunks.push_back({chunk_start, next_end, 1});
      chunk_start = next_end;
    } else {
      // Look ahead: if the next sentence would push the chunk past the limit, close now.
      int u = t + 1;
      while (u < n && !IsSentenceBreak(normalized[tokens[u].start])) ++u;
      const int next_chars =
          (u < n ? tokens[u].end : tokens[n - 1].end) - tokens[chunk_start].start;
      if (next_chars > options.chunk_chars) {
        chunks.push_back({chunk_start, next_end, 1});
        chunk_start = next_end;
      }
    }
  }
  if (chunk_start < n) chunks.push_back({chunk_start, n, 1});
  if (chunks.empty()) chunks.push_back({0, n, 1});
  return chunks;
}

}  // namespace liandong::triage
