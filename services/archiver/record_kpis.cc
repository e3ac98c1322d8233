#include "record_kpis.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "kpi/kpi_calculator.h"

namespace liandong::archiver {

absl::StatusOr<v1::KpiReport> KpisFromRecord(record::PgPool& pool, const v1::GetKpisRequest& req) {
  const int64_t from_ms = req.has_from() ? absl::ToUnixMillis(FromProto(req.from())) : 0;
  const int64_t to_ms = absl::ToUnixMillis(req.has_to() ? FromProto(req.to()) : absl::Now());
  if (to_ms < from_ms) return absl::InvalidArgumentError("to: before from");
  LD_ASSIGN_OR_RETURN(
      auto rows,
      pool.Exec("SELECT e.stream_ms || '-' || e.stream_seq, kv.key, kv.value FROM events e, "
                "jsonb_each_text(e.fields) kv WHERE e.stream_ms BETWEEN $1 AND $2 "
                "ORDER BY e.stream_ms, e.stream_seq",
                {record::Text(absl::StrCat(from_ms)), record::Text(absl::StrCat(to_ms))}));
  std::vector<store::StreamEntry> events;
  for (int r = 0; r < rows.rows(); ++r) {
    if (events.empty() || events.back().id != rows.Get(r, 0))
      events.push_back({rows.Get(r, 0), {}});
    events.back().fields.emplace_back(rows.Get(r, 1), rows.Get(r, 2));
  }
  LD_ASSIGN_OR_RETURN(v1::KpiReport report, feedback::ComputeKpis(events, req.group_by()));
  *report.mutable_from() = ToProto(absl::FromUnixMillis(from_ms));
  *report.mutable_to() = ToProto(absl::FromUnixMillis(to_ms));
  return report;
}

}  // namespace liandong::archiver
