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

namespace liandong::record {
namespace {

// A WHERE clause under construction with its numbered parameters.
struct Where {
  std::vector<std::string> terms;
  std::vector<PgParam> params;
  std::string Next(PgParam p) {
    params.push_back(std::move(p));
    return absl::StrCat("$", params.size());
  }
};

// LIKE pattern for "contains": the user's % _ and \ match themselves.
std::string ContainsPattern(const std::string& fragment) {
  std::string out = "%";
  for (char c : fragment) {
    if (c == '%' || c == '_' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('%');
  return out;
}

constexpr char kOverdue[] =
    "EXISTS (SELECT 1 FROM work_orders w WHERE w.case_id = c.case_id AND "
    "((w.status = 'dispatched' AND w.sign_due < now()) OR "
    "(w.status IN ('signed', 'in_progress') AND w.resolve_due < now())))";

v1::CaseStatus ParseCaseStatus(const std::string& label) {
  for (int i = 0; i <= v1::CaseStatus_MAX; ++i) {
    const auto s = static_cast<v1::CaseStatus>(i);
    if (v1::CaseStatus_IsValid(i) && CaseStatusLabel(s) == label) return s;
  }
  return v1::CASE_STATUS_UNSPECIFIED;
}

absl::Status AddTextFilter(Where& w, const char* field, const char* column,
                           const std::string& value) {
  if (value.empty()) return absl::OkStatus();
  LD_RETURN_IF_ERROR(ValidateShortField(field, value, 200, true));
  w.terms.push_back(absl::StrCat(column, " LIKE ", w.Next(Text(ContainsPattern(value)))));
  return absl::OkStatus();
}

absl::Status BuildWhere(const v1::ListCasesRequest& req, const PhoneHasher& hasher, Where& w) {
  if (req.side() != v1::SIDE_UNSPECIFIED) {
    if (!v1::Side_IsValid(req.side())) return absl::InvalidArgumentError("side: unknown value");
    w.terms.push_back(absl::StrCat("c.side = ", w.Next(Text(SideLabel(req.side())))));
  }
  if (req.status() != v1::CASE_STATUS_UNSPECIFIED) {
    if (!v1::CaseStatus_IsValid(req.status()))
      return absl::InvalidArgumentError("status: unknown value");
    w.terms.push_back(absl::StrCat("c.status = ", w.Next(Text(CaseStatusLabel(req.status())))));
  }
  struct Eq {
    const char* field;
    const char* column;
    const std::string& value;
  };
  for (const Eq& eq :
       {Eq{"district", "c.district", req.district()}, Eq{"item", "c.item", req.item()},
        Eq{"category", "c.category", req.category()}}) {
    if (eq.value.empty()) continue;
    LD_RETURN_IF_ERROR(ValidateShortField(eq.field, eq.value, 64, true));
    w.terms.push_back(absl::StrCat(eq.column, " = ", w.Next(Text(eq.value))));
  }
  for (const Eq& eq : {Eq{"destination", "destination", req.destination()},
                       Eq{"agency", "agency", req.agency()}}) {
    if (eq.value.empty() || req.queue() == v1::QUEUE_TO_SIGN) continue;
    LD_RETURN_IF_ERROR(ValidateShortField(eq.field, eq.value, 128, true));
    w.terms.push_back(
        absl::StrCat("EXISTS (SELECT 1 FROM work_orders w WHERE w.case_id = ", "c.case_id AND w.",
                     eq.column, " = ", w.Next(Text(eq.value)), ")"));
  }
  const bool has_from = req.has_received_from(), has_to = req.has_received_to();
  if (has_from && has_to && FromProto(req.received_to()) <= FromProto(req.received_from())) {
    return absl::InvalidArgumentError("received_to: must be after received_from");
  }
  if (has_from) {
    w.terms.push_back(
        absl::StrCat("c.received_at >= to_timestamp(",
                     w.Next(Text(absl::StrCat(absl::ToUnixMillis(FromProto(req.received_from()))))),
                     "::bigint / 1000.0)"));
  }
  if (has_to) {
    w.terms.push_back(
        absl::StrCat("c.received_at < to_timestamp(",
                     w.Next(Text(absl::StrCat(absl::ToUnixMillis(FromProto(req.received_to()))))),
                     "::bigint / 1000.0)"));
  }
  if (req.needs_review()) w.terms.push_back("c.needs_review");
  if (req.overdue()) w.terms.push_back(kOverdue);
  if (req.under_supervision()) w.terms.push_back("(c.supervised AND c.status <> 'closed')");
  if (!req.phone().empty()) {
    const std::string hash = hasher.Hash(req.phone());
    if (hash.empty() || req.phone().size() > 32) {
      return absl::InvalidArgumentError("phone: must hold 1 to 32 characters with digits");
    }
    w.terms.push_back(absl::StrCat("c.phone_hash = ", w.Next(PgParam::Bytes(hash))));
  }
  LD_RETURN_IF_ERROR(AddTextFilter(w, "address_contains", "c.address", req.address_contains()));
  LD_RETURN_IF_ERROR(AddTextFilter(w, "text_contains", "c.text", req.text_contains()));
  switch (req.queue()) {
    case v1::QUEUE_UNSPECIFIED:
      break;
    case v1::QUEUE_TO_SIGN: {
      std::string term =
          "EXISTS (SELECT 1 FROM work_orders w WHERE w.case_id = c.case_id AND "
          "w.status = 'dispatched'";
      if (!req.destination().empty()) {
        LD_RETURN_IF_ERROR(ValidateShortField("destination", req.destination(), 128, true));
        absl::StrAppend(&term, " AND w.destination = ", w.Next(Text(req.destination())));
      }
      if (!req.agency().empty()) {
        LD_RETURN_IF_ERROR(ValidateShortField("agency", req.agency(), 128, true));
        absl::StrAppend(&term, " AND w.agency = ", w.Next(Text(req.agency())));
      }
      w.terms.push_back(term + ")");
      break;
    }
    case v1::QUEUE_RETURNED:
      w.terms.push_back("c.status = 'returned'");
      break;
    case v1::QUEUE_AWAITING_CALLBACK:
      w.terms.push_back("c.status = 'resolved'");
      break;
    case v1::QUEUE_UNDER_SUPERVISION:
      w.terms.push_back("(c.supervised AND c.status <> 'closed')");
      break;
    default:
      return absl::InvalidArgumentError("queue: unknown value");
  }
  return absl::OkStatus();
}

// page_token "<received ms>:<case id>": the last row of the previous page.
absl::Status AddCursor(const std::string& token, Where& w) {
  if (token.empty()) return absl::OkStatus();
  std::pair<std::string, std::string> parts = absl::StrSplit(token, absl::MaxSplits(':', 1));
  int64_t ms = 0;
  if (!absl::SimpleAtoi(parts.first, &ms) || parts.second.empty() || parts.second.size() > 64) {
    return absl::InvalidArgumentError("page_token: not a token this service returned");
  }
  const std::string at = w.Next(Text(absl::StrCat(ms)));
  const std::string id = w.Next(Text(parts.second));
  w.terms.push_back(absl::StrCat("(c.received_at, c.case_id) < (to_timestamp(", at,
                                 "::bigint / 1000.0), ", id, ")"));
  return absl::OkStatus();
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
  LD_RETURN_IF_ERROR(BuildWhere(req, hasher_, w));
  LD_RETURN_IF_ERROR(AddCursor(req.page_token(), w));
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
