#include "default_rules.h"

#include <stdexcept>
#include <string>

#include "rules/rule_table_loader.h"

namespace liandong::testing {

std::shared_ptr<const rules::RuleIndex> DefaultRules() {
  static const auto rules = [] {
    auto table = rules::LoadRuleTable(rules::DefaultRuleTablePath());
    if (!table.ok()) throw std::runtime_error(std::string(table.status().message()));
    return std::make_shared<const rules::RuleIndex>(*std::move(table));
  }();
  return rules;
}

}  // namespace liandong::testing
