#pragma once

#include <vector>

#include "triage/features.h"
#include "triage/rule_scanner.h"

namespace liandong::triage {

// The safety layer's findings as extra model tokens, so that the model learns what they mean
// ("没人动手" lowers the emergency score) instead of a rule patching each case: armed and
// disarmed trigger families and why ("§arm:fire", "§off:past", "§off:fire:negated"), soft
// cues, the scope words present ("§now", "§past", "§hyp", "§rep"), how many offices the text
// names ("§org:1", "§org:2", "§org:3+"), question form ("§q") and the rule table's item
// lexicon ("§kw:heating"). Each token has an empty span at the end of the text.
std::vector<Token> SignalTokens(const RuleSignals& signals, const RuleScanner& scanner,
                                int text_end);

// The model's whole input for one text: its character tokens, then each signal after a break.
std::vector<Token> ModelDocument(const std::u32string& normalized, const RuleSignals& signals,
                                 const RuleScanner& scanner);

}  // namespace liandong::triage
