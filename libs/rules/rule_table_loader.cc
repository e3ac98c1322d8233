#include "rules/rule_table_loader.h"

#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/protobuf/io/tokenizer.h"
#include "google/protobuf/text_format.h"
#include "rules/rule_table_validator.h"

namespace liandong::rules {
namespace {

// Collects every parse error instead of stopping at the first.
class CollectingErrors : public google::protobuf::io::ErrorCollector {
 public:
  explicit CollectingErrors(std::string source) : source_(std::move(source)) {}
  void AddError(int line, int column, const std::string& message) override {
    problems_.push_back(absl::StrCat(source_, ":", line + 1, ":", column + 1, ": ", message));
  }
  void AddWarning(int line, int column, const std::string& message) override {
    problems_.push_back(
        absl::StrCat(source_, ":", line + 1, ":", column + 1, ": warning: ", message));
  }
  const std::vector<std::string>& problems() const { return problems_; }

 private:
  std::string source_;
  std::vector<std::string> problems_;
};

}  // namespace

std::string DefaultRuleTablePath() { return LIANDONG_DEFAULT_RULES_PATH; }

absl::StatusOr<v1::RuleTable> ParseRuleTable(const std::string& text,
                                             const std::string& source_name) {
  v1::RuleTable table;
  CollectingErrors errors(source_name);
  google::protobuf::TextFormat::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.ParseFromString(text, &table)) {
    return absl::InvalidArgumentError(
        absl::StrCat("rule table refused:\n  ", absl::StrJoin(errors.problems(), "\n  ")));
  }
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

absl::StatusOr<v1::RuleTable> LoadRuleTable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("rule table: cannot open '", path, "'"));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return ParseRuleTable(buffer.str(), path);
}

}  // namespace liandong::rules
