#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"
#include "triage/chunks.h"
#include "triage/normalizer.h"
#include "triage/rule_scanner.h"
#include "triage/text_model.h"

namespace liandong::triage {

// One text as the model and the safety layer read it.
struct TextReading {
  std::u32string normalized;   // the title (if any), a sentence break, the body
  RuleSignals signals;         // the safety layer over every sentence
  std::vector<double> scores;  // the model's scores, pooled over the chunks
  // With `explain`: every token (text, then signals) and the inputs of all chunks, with values
  // scaled by their chunk's share, for StrongestFeatures.
  std::vector<Token> tokens;
  std::vector<ModelInput> inputs;
};

// Normalises title and body, scans them, splits them into chunks (ChunkText) and scores each
// chunk with its signal tokens (a single chunk: the text's; several: each its own sentences');
// the scores are the chunks' weighted mean. The same for training (calibration) and serving.
TextReading ReadText(const TextModel& model, const RuleScanner& scanner,
                     const TextNormalizer& normalizer, absl::string_view title,
                     absl::string_view body, const ChunkOptions& options, bool explain);

}  // namespace liandong::triage
