#pragma once

#include <string>
#include <vector>

#include "liandong/v1/rules.pb.h"

namespace liandong::rules {

// Every problem of a parsed table as "<field path>: <reason>"; empty when the table is good.
std::vector<std::string> ValidateRuleTable(const v1::RuleTable& table);

}  // namespace liandong::rules
