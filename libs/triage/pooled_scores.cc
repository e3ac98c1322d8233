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
  r.signals = scanner.Scan(r.normalized, explain);
  // The tokens: the text's; then, for each chunk, the signals it is read with, each after a
  // break. A short text is one chunk with the text's signals; the chunks of a long one each
  // carry the signals of their own sentences (a post that names many offices in one paragraph
  // does not push every paragraph towards JOINT), while the safety layer above read them all.
  std::vector<Token> tokens = ModelTokens(r.normalized);
  const int text_tokens = static_cast<int>(tokens.size());
  const std::vector<Chunk> chunks =
      ChunkText(r.normalized, tokens, title_end, options, text_tokens);
  auto append_signals = [&](const RuleSignals& signals, int at) {
    const int begin = static_cast<int>(tokens.size());
    for (Token& t : SignalTokens(signals, scanner, at)) {
      tokens.push_back({"|", at, at});
      tokens.push_back(std::move(t));
    }
    return std::make_pair(begin, static_cast<int>(tokens.size()));
  };
  std::vector<std::pair<int, int>> signal_ranges;
  if (chunks.size() == 1) {
    signal_ranges.push_back(append_signals(r.signals, static_cast<int>(r.normalized.size())));
  } else {
    for (const Chunk& c : chunks) {
      const int from = tokens[c.begin].start, to = tokens[c.end - 1].end;
      const RuleSignals local = scanner.Scan(r.normalized.substr(from, to - from), false);
      signal_ranges.push_back(append_signals(local, to));
    }
  }
  double total_weight = 0;
  for (const Chunk& c : chunks) total_weight += c.weight;
  if (explain) r.inputs.reserve(2 * tokens.size());
  for (size_t k = 0; k < chunks.size(); ++k) {
    const Chunk& c = chunks[k];
    const std::vector<ModelInput> inputs =
        model.EncodeRanges(tokens, {{c.begin, c.end}, signal_ranges[k]});
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
