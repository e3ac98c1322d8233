#pragma once

#include <memory>

#include "rules/rule_index.h"

namespace liandong::testing {

// The installed rule table, loaded once; a test fails loudly if it does not load.
std::shared_ptr<const rules::RuleIndex> DefaultRules();

}  // namespace liandong::testing
