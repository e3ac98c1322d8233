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
  // The tokens: the text's, then each signal after a break.
  std::vector<Token> tokens = ModelTokens(r.normalized);
  const int text_tokens = static_cast<int>(tokens.size());
  const int end = static_cast<int>(r.normalized.size());
  for (Token& t : SignalTokens(r.signals, scanner, end)) {
    tokens.push_back({"|", end, end});
    tokens.push_back(std::move(t));
  }
  const int all_tokens = static_cast<int>(tokens.size());
  const std::vector<Chunk> chunks =
      ChunkText(r.normalized, tokens, title_end, options, text_tokens);
  double total_weight = 0;
  for (const Chunk& c : chunks) total_weight += c.weight;
  if (explain) r.inputs.reserve(2 * tokens.size());
  for (const Chunk& c : chunks) {
    // Each chunk is read with the text's signals.
    const std::vector<ModelInput> inputs =
        model.EncodeRanges(tokens, {{c.begin, c.end}, {text_tokens, all_tokens}});
    const std::vector<double> chunk_scores = model.Scores(inputs);
    const double share = c.weight / total_weight;
    if (chunks.size() == 1) {
      r.scores = chunk_scores;
    } else {
      if (r.scores.empty()) r.scores.assign(chunk_scores.size(), 0.0);
      for (size_t l = 0; l < r.scores.size(); ++l) r.scores[l] += share * chunk_scores[l];
    }
    if (!explain) continue;
    for (ModelInput in : inputs) {
      in.value = static_cast<float>(in.value * share);
      r.inputs.push_back(in);
    }
  }
  if (explain) r.tokens = std::move(tokens);
  return r;
}

}  // namespace liandong::triage
