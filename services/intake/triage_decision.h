#pragma once

#include "absl/status/statusor.h"
#include "liandong/v1/intake.pb.h"
#include "rules/rule_index.h"

namespace liandong::intake {

// The triage the operator settles on: the suggestion as it is, or their override checked
// against the rule table. INVALID_ARGUMENT names the bad field; FAILED_PRECONDITION when
// there is no suggestion to accept.
absl::StatusOr<v1::Triage> DecideTriage(const v1::Case& c, const v1::ConfirmTriageRequest& req,
                                        const rules::RuleIndex& rules);

// Who is responsible once the decision is made (first contact, 110 first, first acceptor).
v1::Side OwnerSide(const v1::Case& c, v1::Disposition d, const rules::RuleIndex& rules);

// The one-key transfer the decision implies, if any (from the receiving side to the owner).
bool TransferFor(const v1::Case& c, v1::Disposition d, const rules::RuleIndex& rules,
                 v1::Transfer* out);

// Dispositions that end at the desk, with the reason they close; UNSPECIFIED if orders follow.
v1::CloseReason CloseReasonFor(v1::Disposition d);

}  // namespace liandong::intake
