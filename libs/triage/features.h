#pragma once

#include <string>
#include <vector>

namespace liandong::triage {

// One model token and where it came from in the normalised text.
struct Token {
  std::string text;
  int start = 0;  // code point offsets in the normalised text
  int end = 0;
};

// Tokens the model reads, the same for training and inference: every Chinese character on
// its own (the model adds character bigrams and trigrams), ASCII letter runs as one token,
// digit runs as "#" (phone numbers and amounts carry no topic), clause breaks as "|".
std::vector<Token> ModelTokens(const std::u32string& normalized);

// The tokens joined by single spaces: one line of a fastText training file (no newline).
std::string ModelLine(const std::vector<Token>& tokens);

}  // namespace liandong::triage
