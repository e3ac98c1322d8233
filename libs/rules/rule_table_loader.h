#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "liandong/v1/rules.pb.h"

namespace liandong::rules {

// Path of the installed default table, used when no --rules flag names one.
std::string DefaultRuleTablePath();

// LoadRuleTable of `path`, or of the installed table when `path` is empty.
absl::StatusOr<v1::RuleTable> LoadRuleTableOrDefault(const std::string& path);

// Parses a text-format rule table and validates it. On failure the status lists every
// problem, one per line, as "<file>:<line>:<col>: <reason>" or "<file>: <field>: <reason>".
absl::StatusOr<v1::RuleTable> LoadRuleTable(const std::string& path);

// Same, for text already in memory (`source_name` appears in messages).
absl::StatusOr<v1::RuleTable> ParseRuleTable(const std::string& text,
                                             const std::string& source_name);

}  // namespace liandong::rules
