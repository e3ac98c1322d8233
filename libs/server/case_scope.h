#pragma once

#include <string>

#include "absl/status/status.h"
#include "auth/authorizer.h"
#include "rules/rule_index.h"
#include "store/case_store.h"

namespace liandong::server {

// For RPCs that name a case: whether it lies within the grant's scope. Loads the case only
// for scoped grants; an unknown case passes here and is reported NOT_FOUND by the logic.
absl::Status CheckCaseScope(const auth::Grant& grant, store::CaseStore& store,
                            const std::string& case_id);

// What the caller may read of a case. Agencies get the caller's name and every long number in
// the texts masked, and the phone masked unless one of their orders' items says the agency
// must call back (Item.agency_sees_caller_phone); other roles read it all, and a person's read
// is audited.
v1::Case CaseAsSeenBy(const auth::Grant& grant, v1::Case c, const rules::RuleIndex& rules);

}  // namespace liandong::server
