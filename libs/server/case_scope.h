#pragma once

#include <string>

#include "absl/status/status.h"
#include "auth/authorizer.h"
#include "store/case_store.h"

namespace liandong::server {

// For RPCs that name a case: whether it lies within the grant's scope. Loads the case only
// for scoped grants; an unknown case passes here and is reported NOT_FOUND by the logic.
absl::Status CheckCaseScope(const auth::Grant& grant, store::CaseStore& store,
                            const std::string& case_id);

}  // namespace liandong::server
