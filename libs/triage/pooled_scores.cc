#include "triage/pooled_scores.h"

#include "triage/signal_tokens.h"

namespace liandong::triage {

TextReading ReadText(const TextModel& model, const RuleScanner& scanner,
                     const TextNormalizer& normalizer, absl::string_view title,
                     absl::string_view body, const ChunkOptions& options, bool explain) {
  TextReading r;
  // The title is the text's first sentence; the body starts after it.
  int title_end = 0;
  if (!title.empty()) {
    r.normalized = normalizer.Normalize(title);
    if (!r.normalized.empty()) {
      if (IsClauseBreak(r.normalized.back())) r.normalized.pop_back();
      r.normalized.push_back(kSentenceBreak);
      title_end = static_cast<int>(r.normalized.size());
    }
  }
  r.normalized += normalizer.Normalize(body);
  r.signals = scanner.Scan(r.normalized);
  const std::vector<Token> text_tokens = ModelTokens(r.normalized);
  const std::vector<Token> extra =
      SignalTokens(r.signals, scanner, static_cast<int>(r.normalized.size()));
  const std::vector<Chunk> chunks = ChunkText(r.normalized, text_tokens, title_end, options);
  double total_weight = 0;
  for (const Chunk& c : chunks) total_weight += c.weight;
  std::vector<Token> chunk_tokens;
  for (const Chunk& c : chunks) {
    chunk_tokens.assign(text_tokens.begin() + c.begin, text_tokens.begin() + c.end);
    const int text_len = c.end - c.begin;
    for (const Token& t : extra) {
      chunk_tokens.push_back({"|", t.start, t.end});
      chunk_tokens.push_back(t);
    }
    const std::vector<ModelInput> chunk_inputs = model.Encode(chunk_tokens);
    const std::vector<double> chunk_scores = model.Scores(chunk_inputs);
    const double share = c.weight / total_weight;
    if (r.scores.empty()) r.scores.assign(chunk_scores.size(), 0.0);
    for (size_t l = 0; l < r.scores.size(); ++l) r.scores[l] += share * chunk_scores[l];
    if (!explain) continue;
    // Input spans index the whole text's tokens, then the signals after them.
    auto global = [&](int i) {
      return i < text_len ? c.begin + i : static_cast<int>(text_tokens.size()) + (i - text_len);
    };
    for (ModelInput in : chunk_inputs) {
      if (in.first >= 0) {
        in.first = global(in.first);
        in.last = global(in.last);
      }
      in.value = static_cast<float>(in.value * share);
      r.inputs.push_back(in);
    }
  }
  if (explain) {
    r.tokens = text_tokens;
    for (const Token& t : extra) {
      r.tokens.push_back({"|", t.start, t.end});
      r.tokens.push_back(t);
    }
  }
  return r;
}

}  // namespace liandong::triage
