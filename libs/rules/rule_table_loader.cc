#include "rules/rule_table_loader.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/text_proto.h"
#include "rules/rule_table_validator.h"

namespace liandong::rules {

std::string DefaultRuleTablePath() { return LIANDONG_DEFAULT_RULES_PATH; }

absl::StatusOr<v1::RuleTable> ParseRuleTable(const std::string& text,
                                             const std::string& source_name) {
  v1::RuleTable table;
  absl::Status parsed = ParseTextProto(text, source_name, &table);
  if (!parsed.ok())
    return absl::InvalidArgumentError(absl::StrCat("rule table refused:\n  ", parsed.message()));
  const std::vector<std::string> problems = ValidateRuleTable(table);
  if (!problems.empty()) {
    std::vector<std::string> lines;
    lines.reserve(problems.size());
    for (const auto& p : problems) lines.push_back(absl::StrCat(source_name, ": ", p));
    return absl::InvalidArgumentError(absl::StrCat(
        "rule table refused (", problems.size(), " problems):\n  ", absl::StrJoin(lines, "\n  ")));
  }
  return table;
}

absl::StatusOr<v1::RuleTable> LoadRuleTableOrDefault(const std::string& path) {
  return LoadRuleTable(path.empty() ? DefaultRuleTablePath() : path);
}

absl::StatusOr<v1::RuleTable> LoadRuleTable(const std::string& path) {
  absl::StatusOr<std::string> text = ReadWholeFile(path);
  if (!text.ok()) return absl::NotFoundError(absl::StrCat("rule table: ", text.status().message()));
  return ParseRuleTable(*text, path);
}

}  // namespace liandong::rules
