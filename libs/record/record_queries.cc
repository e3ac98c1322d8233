#include "record/record_queries.h"

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/text_limits.h"
#include "common/time_util.h"
#include "record/case_filters.h"

namespace liandong::record {
namespace {

v1::CaseStatus ParseCaseStatus(const std::string& label) {
  for (int i = 0; i <= v1::CaseStatus_MAX; ++i) {
    const auto s = static_cast<v1::CaseStatus>(i);
    if (v1::CaseStatus_IsValid(i) && CaseStatusLabel(s) == label) return s;
  }
  return v1::CASE_STATUS_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<v1::ListCasesResponse> RecordQueries::ListCases(const v1::ListCasesRequest& req,
                                                               int max_page_size) {
  if (req.page_size() < 0 || req.page_size() > max_page_size) {
    return absl::InvalidArgumentError(
        absl::StrCat("page_size: must be 0 (default 50) to ", max_page_size));
  }
  const int page_size = req.page_size() == 0 ? 50 : req.page_size();
  Where w;
  LD_RETURN_IF_ERROR(BuildCaseFilters(req, hasher_, w));
  LD_RETURN_IF_ERROR(AddPageCursor(req.page_token(), w));
  // The page first, then each row's orders (LATERAL): an EXISTS over every order in the select
  // list lets the planner hash all overdue orders of the table for 50 rows.
  const std::string sql = absl::StrCat(
      "SELECT c.case_id, c.side, c.status, c.disposition, c.category, c.item, c.district, "
      "c.address, c.text, (extract(epoch from c.received_at) * 1000)::bigint, c.needs_review, "
      "c.supervised AND c.status <> 'closed', c.version, coalesce(o.overdue, false), "
      "o.destinations FROM (SELECT * FROM cases c",
      w.terms.empty() ? "" : " WHERE ", absl::StrJoin(w.terms, " AND "),
      " ORDER BY c.received_at DESC, c.case_id DESC LIMIT ", page_size + 1,
      ") c LEFT JOIN LATERAL (SELECT bool_or((w.status = 'dispatched' AND w.sign_due < now()) OR "
      "(w.status IN ('signed', 'in_progress') AND w.resolve_due < now())) AS overdue, "
      "string_agg(DISTINCT w.destination, ',') AS destinations FROM work_orders w "
      "WHERE w.case_id = c.case_id) o ON true ORDER BY c.received_at DESC, c.case_id DESC");
  LD_ASSIGN_OR_RETURN(auto rows, pool_.Exec(sql, w.params));
  v1::ListCasesResponse out;
  for (int r = 0; r < rows.rows() && r < page_size; ++r) {
    v1::CaseSummary* s = out.add_cases();
    s->set_case_id(rows.Get(r, 0));
    s->set_side_received(ParseSide(rows.Get(r, 1)).value_or(v1::SIDE_UNSPECIFIED));
    s->set_status(ParseCaseStatus(rows.Get(r, 2)));
    s->set_disposition(ParseDisposition(rows.Get(r, 3)).value_or(v1::DISPOSITION_UNSPECIFIED));
    s->set_category(rows.Get(r, 4));
    s->set_item(rows.Get(r, 5));
    s->set_district(rows.Get(r, 6));
    s->set_address(rows.Get(r, 7));
    s->set_text(rows.Get(r, 8));
    int64_t ms = 0;
    (void)absl::SimpleAtoi(rows.Get(r, 9), &ms);
    *s->mutable_received_at() = ToProto(absl::FromUnixMillis(ms));
    s->set_needs_review(rows.Get(r, 10) == "t");
    s->set_under_supervision(rows.Get(r, 11) == "t");
    int64_t version = 0;
    (void)absl::SimpleAtoi(rows.Get(r, 12), &version);
    s->set_version(version);
    s->set_overdue(rows.Get(r, 13) == "t");
    if (!rows.IsNull(r, 14)) {
      for (absl::string_view d : absl::StrSplit(rows.Get(r, 14), ','))
        s->add_destinations(std::string(d));
    }
    if (r == page_size - 1 && rows.rows() > page_size) {
      out.set_next_page_token(absl::StrCat(ms, ":", s->case_id()));
    }
  }
  return out;
}

absl::StatusOr<v1::CaseRecord> RecordQueries::GetCaseRecord(const std::string& case_id) {
  LD_RETURN_IF_ERROR(ValidateShortField("case_id", case_id, 64, true));
  LD_ASSIGN_OR_RETURN(auto conn, pool_.Acquire());
  v1::CaseRecord out;
  LD_ASSIGN_OR_RETURN(
      auto c, conn->Exec("SELECT snapshot, (extract(epoch from archived_at) * 1000)::bigint "
                         "FROM cases WHERE case_id = $1",
                         {Text(case_id)}));
  if (c.rows() > 0) {
    if (!out.mutable_snapshot()->ParseFromString(c.GetBytes(0, 0))) {
      return absl::DataLossError(absl::StrCat("case ", case_id, ": archived snapshot unreadable"));
    }
    int64_t ms = 0;
    (void)absl::SimpleAtoi(c.Get(0, 1), &ms);
    *out.mutable_archived_at() = ToProto(absl::FromUnixMillis(ms));
  }
  LD_ASSIGN_OR_RETURN(
      auto events,
      conn->Exec("SELECT e.stream_ms || '-' || e.stream_seq, e.type, "
                 "(extract(epoch from e.at) * 1000)::bigint, e.actor, e.order_id, e.detail, "
                 "kv.key, kv.value FROM events e LEFT JOIN LATERAL jsonb_each_text(e.fields) kv "
                 "ON true WHERE e.case_id = $1 ORDER BY e.stream_ms, e.stream_seq",
                 {Text(case_id)}));
  if (c.rows() == 0 && events.rows() == 0) {
    return absl::NotFoundError(absl::StrCat("case_id: ", case_id, " is not in the record"));
  }
  v1::RecordedEvent* current = nullptr;
  for (int r = 0; r < events.rows(); ++r) {
    if (current == nullptr || current->event_id() != events.Get(r, 0)) {
      current = out.add_events();
      current->set_event_id(events.Get(r, 0));
      current->set_type(events.Get(r, 1));
      int64_t ms = 0;
      (void)absl::SimpleAtoi(events.Get(r, 2), &ms);
      *current->mutable_at() = ToProto(absl::FromUnixMillis(ms));
      current->set_actor(events.Get(r, 3));
      current->set_order_id(events.Get(r, 4));
      current->set_detail(events.Get(r, 5));
    }
    if (!events.IsNull(r, 6)) (*current->mutable_fields())[events.Get(r, 6)] = events.Get(r, 7);
  }
  return out;
}

}  // namespace liandong::record
