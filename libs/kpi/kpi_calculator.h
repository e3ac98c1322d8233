#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/feedback.pb.h"
#include "store/streams.h"

namespace liandong::feedback {

// The window of a GetKpis request: events with stream ids in [from_ms, to_ms], deadlines judged
// at as_of = min(to, now) (an order still inside its deadline is neither met nor missed).
struct KpiWindow {
  int64_t from_ms = 0;
  int64_t to_ms = 0;
  absl::Time as_of;
};
absl::StatusOr<KpiWindow> KpiWindowOf(const v1::GetKpisRequest& req, absl::Time now);
// Writes the window (from, to, as_of) into the report.
void StampWindow(const KpiWindow& window, v1::KpiReport& report);

// The figures of policy §6 from ld:events entries alone (so they can always be rebuilt), by the
// one definition of the suite (docs/operations.md "KPI definitions"); the desk, the feedback
// service, /metrics and the record all show what this returns. Orders count when dispatched
// inside the window; their sign-for, return and resolution when they happened inside it too.
// group_by: "", direction, category, item, agency or district.
absl::StatusOr<v1::KpiReport> ComputeKpis(const std::vector<store::StreamEntry>& events,
                                          const std::string& group_by, absl::Time as_of);

}  // namespace liandong::feedback
