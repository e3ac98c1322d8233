#include "record_kpis.h"

#include <iterator>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "kpi/kpi_calculator.h"

namespace liandong::archiver {

absl::StatusOr<v1::KpiReport> KpisFromRecord(record::PgPool& pool, const v1::GetKpisRequest& req) {
  LD_ASSIGN_OR_RETURN(const feedback::KpiWindow window, feedback::KpiWindowOf(req, absl::Now()));
  // Only the fields the calculator reads, straight from the jsonb (not every field expanded).
  static const char* const kFields[] = {
      "type",       "case_id", "order_id",     "at_ms",          "district",   "disposition",
      "category",   "item",    "satisfaction", "from_side",      "to_side",    "order_category",
      "order_item", "agency",  "sign_due_ms",  "resolve_due_ms", "destination"};
  std::string columns;
  for (const char* f : kFields) absl::StrAppend(&columns, ", fields->>'", f, "'");
  LD_ASSIGN_OR_RETURN(auto rows,
                      pool.Exec(absl::StrCat("SELECT stream_ms || '-' || stream_seq", columns,
                                             " FROM events WHERE stream_ms BETWEEN $1 AND $2 "
                                             "ORDER BY stream_ms, stream_seq"),
                                {record::Text(absl::StrCat(window.from_ms)),
                                 record::Text(absl::StrCat(window.to_ms))}));
  std::vector<store::StreamEntry> events(rows.rows());
  for (int r = 0; r < rows.rows(); ++r) {
    events[r].id = rows.Get(r, 0);
    for (size_t f = 0; f < std::size(kFields); ++f) {
      if (!rows.IsNull(r, f + 1)) events[r].fields.emplace_back(kFields[f], rows.Get(r, f + 1));
    }
  }
  LD_ASSIGN_OR_RETURN(v1::KpiReport report,
                      feedback::ComputeKpis(events, req.group_by(), window.as_of));
  feedback::StampWindow(window, report);
  return report;
}

}  // namespace liandong::archiver
