#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "liandong/v1/feedback.pb.h"
#include "store/streams.h"

namespace liandong::feedback {

// The figures of policy §6 from ld:events entries alone (so they can always be rebuilt).
// Orders count when dispatched inside the window; their sign-for and resolution count when
// they happened inside it too. group_by: "", direction, category, item, agency or district.
absl::StatusOr<v1::KpiReport> ComputeKpis(const std::vector<store::StreamEntry>& events,
                                          const std::string& group_by);

}  // namespace liandong::feedback
