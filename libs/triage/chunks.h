#pragma once

#include <vector>

#include "triage/features.h"

namespace liandong::triage {

// A run of whole sentences of a long text that the model scores on its own, and its weight in
// the pooled topic score.
struct Chunk {
  int begin = 0;  // token indices [begin, end)
  int end = 0;
  double weight = 1;
};

struct ChunkOptions {
  int long_text = 160;      // code points: a shorter text without a title is one chunk
  int chunk_chars = 100;    // sentences are joined into chunks up to about this length
  double title_weight = 2;  // a title counts as this many body chunks
};

// Splits the first `text_tokens` of `tokens` (ModelTokens of `normalized`, perhaps followed by
// other tokens; -1: all) into chunks at sentence breaks. `title_end` is the code point offset
// where the body starts (0: no title); the title is its own chunk.
std::vector<Chunk> ChunkText(const std::u32string& normalized, const std::vector<Token>& tokens,
                             int title_end, const ChunkOptions& options = ChunkOptions(),
                             int text_tokens = -1);

}  // namespace liandong::triage
