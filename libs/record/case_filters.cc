#include "record/case_filters.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/text_limits.h"
#include "common/time_util.h"

namespace liandong::record {

const char kOverdueTerm[] =
    "EXISTS (SELECT 1 FROM work_orders w WHERE w.case_id = c.case_id AND "
    "((w.status = 'dispatched' AND w.sign_due < now()) OR "
    "(w.status IN ('signed', 'in_progress') AND w.resolve_due < now())))";

namespace {

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

absl::Status AddTextFilter(Where& w, const char* field, const char* column,
                           const std::string& value) {
  if (value.empty()) return absl::OkStatus();
  LD_RETURN_IF_ERROR(ValidateShortField(field, value, 200, true));
  w.terms.push_back(absl::StrCat(column, " LIKE ", w.Next(Text(ContainsPattern(value)))));
  return absl::OkStatus();
}

}  // namespace

absl::Status BuildCaseFilters(const v1::ListCasesRequest& req, const PhoneHasher& hasher,
                              Where& w) {
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
  if (req.overdue()) w.terms.push_back(kOverdueTerm);
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

absl::Status AddPageCursor(const std::string& token, Where& w) {
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

}  // namespace liandong::record
