#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "store/case_store.h"

namespace liandong::intake {

// Another open case about the same matter as `c` would be if decided as `decision`: the same
// item (or, for emergencies, the same handover), the same district and the same place
// (workflow::PlaceKey), received within `window` before it. Looked up by index, so it costs
// the same however many cases are open. Addresses too vague to name a place never match.
absl::StatusOr<std::optional<v1::Case>> FindOpenDuplicate(store::CaseStore& store,
                                                          const v1::Case& c,
                                                          const v1::Triage& decision,
                                                          absl::Duration window);

}  // namespace liandong::intake
