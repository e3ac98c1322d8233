#include "record/archive_writer.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "common/utf8.h"

namespace liandong::record {
namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      absl::StrAppend(&out, "\\u00", absl::Hex(c, absl::kZeroPad2));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  out.push_back('"');
  return out;
}

std::string FieldsJson(const store::StreamEntry& e) {
  std::string out = "{";
  for (size_t i = 0; i < e.fields.size(); ++i) {
    if (i > 0) out.push_back(',');
    absl::StrAppend(&out, JsonString(CleanText(e.fields[i].first)), ":",
                    JsonString(CleanText(e.fields[i].second)));
  }
  out.push_back('}');
  return out;
}

// "1733230000000-3" → (ms, seq).
absl::StatusOr<std::pair<int64_t, int64_t>> SplitId(const std::string& id) {
  std::pair<std::string, std::string> parts = absl::StrSplit(id, '-');
  int64_t ms = 0, seq = 0;
  if (!absl::SimpleAtoi(parts.first, &ms) || !absl::SimpleAtoi(parts.second, &seq)) {
    return absl::InternalError(absl::StrCat("archive: stream id '", id, "' is malformed"));
  }
  return std::make_pair(ms, seq);
}

// Timestamps go to PostgreSQL as unix milliseconds; an unset one as NULL.
PgParam Millis(const google::protobuf::Timestamp& ts) {
  if (ts.seconds() == 0 && ts.nanos() == 0) return PgParam::Null();
  return Text(absl::StrCat(absl::ToUnixMillis(FromProto(ts))));
}

// The whole batch of events in one statement (one round trip): parallel arrays, unnested.
constexpr char kInsertEvents[] =
    "INSERT INTO events (stream_ms, stream_seq, case_id, type, at, actor, order_id, detail, "
    "fields) SELECT ms, seq, cid, t, to_timestamp(at / 1000.0), a, oid, d, f::jsonb FROM "
    "unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::bigint[], $6::text[], "
    "$7::text[], $8::text[], $9::text[]) AS u(ms, seq, cid, t, at, a, oid, d, f) "
    "ON CONFLICT DO NOTHING";

// A PostgreSQL array literal element: quoted, with " and \ escaped.
void AppendArrayElement(std::string* array, const std::string& value) {
  if (array->size() > 1) array->push_back(',');  // "{" alone: the first element
  array->push_back('"');
  for (char c : value) {
    if (c == '"' || c == '\\') array->push_back('\\');
    array->push_back(c);
  }
  array->push_back('"');
}

constexpr char kUpsertCase[] =
    "INSERT INTO cases (case_id, version, side, channel, status, disposition, category, item, "
    "district, owner_side, needs_review, supervised, received_at, closed_at, close_reason, "
    "phone_hash, address, text, snapshot, archived_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
    "$9, $10, $11, $12, to_timestamp($13::bigint / 1000.0), to_timestamp($14::bigint / 1000.0), "
    "$15, $16, $17, $18, $19, now()) "
    "ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, side = excluded.side, "
    "channel = excluded.channel, status = excluded.status, disposition = excluded.disposition, "
    "category = excluded.category, item = excluded.item, district = excluded.district, "
    "owner_side = excluded.owner_side, needs_review = excluded.needs_review, "
    "supervised = excluded.supervised, received_at = excluded.received_at, "
    "closed_at = excluded.closed_at, close_reason = excluded.close_reason, "
    "phone_hash = excluded.phone_hash, address = excluded.address, text = excluded.text, "
    "snapshot = excluded.snapshot, archived_at = now() "
    "WHERE cases.version < excluded.version";

constexpr char kUpsertOrder[] =
    "INSERT INTO work_orders (order_id, case_id, kind, destination, agency, from_side, to_side, "
    "category, item, status, sla_tier, created_at, sign_due, resolve_due, signed_at, "
    "resolved_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
    "to_timestamp($12::bigint / 1000.0), to_timestamp($13::bigint / 1000.0), "
    "to_timestamp($14::bigint / 1000.0), to_timestamp($15::bigint / 1000.0), "
    "to_timestamp($16::bigint / 1000.0)) "
    "ON CONFLICT (order_id) DO UPDATE SET status = excluded.status, "
    "destination = excluded.destination, agency = excluded.agency, "
    "sign_due = excluded.sign_due, resolve_due = excluded.resolve_due, "
    "signed_at = excluded.signed_at, resolved_at = excluded.resolved_at";

absl::Status WriteCase(PgConnection& conn, const PhoneHasher& hasher, const v1::Case& c) {
  bool supervised = false;
  google::protobuf::Timestamp closed_at;
  for (const auto& t : c.timeline()) {
    if (t.type() == "supervision" || t.type() == "escalated") supervised = true;
    if (t.case_status() == v1::CASE_CLOSED && closed_at.seconds() == 0) closed_at = t.at();
  }
  const v1::Triage& t = c.has_confirmed() ? c.confirmed() : c.suggested();
  const std::string phone_hash = hasher.Hash(c.caller().phone());
  std::string snapshot;
  c.SerializeToString(&snapshot);
  LD_ASSIGN_OR_RETURN(
      auto upserted,
      conn.Exec(
          kUpsertCase,
          {Text(c.case_id()), Text(absl::StrCat(c.version())), Text(SideLabel(c.side_received())),
           Text(ChannelLabel(c.channel())), Text(CaseStatusLabel(c.status())),
           Text(DispositionLabel(t.disposition())), Text(CleanText(t.category())),
           Text(CleanText(t.item())), Text(CleanText(c.location().district_code())),
           Text(SideLabel(c.owner_side())), Text(c.suggested().needs_review() ? "true" : "false"),
           Text(supervised ? "true" : "false"), Millis(c.received_at()), Millis(closed_at),
           Text(c.close_reason() == v1::CLOSE_REASON_UNSPECIFIED
                    ? ""
                    : v1::CloseReason_Name(c.close_reason())),
           phone_hash.empty() ? PgParam::Null() : PgParam::Bytes(phone_hash),
           Text(CleanText(c.location().address())), Text(CleanText(c.text())),
           PgParam::Bytes(snapshot)}));
  if (upserted.affected() == 0) return absl::OkStatus();  // an older snapshot: keep the newer
  for (const auto& o : c.orders()) {
    LD_ASSIGN_OR_RETURN(
        auto order,
        conn.Exec(kUpsertOrder,
                  {Text(o.order_id()), Text(c.case_id()), Text(v1::OrderKind_Name(o.kind())),
                   Text(CleanText(o.destination())), Text(CleanText(o.agency_id())),
                   Text(SideLabel(o.from_side())), Text(SideLabel(o.to_side())),
                   Text(CleanText(o.category())), Text(CleanText(o.item())),
                   Text(OrderStatusLabel(o.status())), Text(CleanText(o.sla_tier())),
                   o.has_created_at() ? Millis(o.created_at()) : Millis(c.received_at()),
                   Millis(o.sign_due()), Millis(o.resolve_due()), Millis(o.signed_at()),
                   Millis(o.resolved_at())}));
    (void)order;
  }
  return absl::OkStatus();
}

}  // namespace

std::string CleanText(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (c != '\0') out.push_back(c);
  }
  if (IsValidUtf8(out)) return out;
  // Rare (Redis holds bytes): keep ASCII, mark everything else.
  std::string ascii;
  for (unsigned char c : out) ascii.push_back(c < 0x80 ? static_cast<char>(c) : '?');
  return ascii;
}

absl::StatusOr<int64_t> WriteBatch(PgConnection& conn, const PhoneHasher& hasher,
                                   const ArchiveBatch& batch) {
  int64_t added = 0;
  LD_RETURN_IF_ERROR(InTransaction(conn, [&](PgConnection& c) -> absl::Status {
    std::vector<std::string> columns(9, "{");
    for (const auto& e : batch.events) {
      LD_ASSIGN_OR_RETURN(auto id, SplitId(e.id));
      // The event's own time; the stream id's when the field is missing or not a number.
      int64_t at = 0;
      if (!absl::SimpleAtoi(e.Field("at_ms"), &at)) at = id.first;
      const std::string values[9] = {absl::StrCat(id.first),
                                     absl::StrCat(id.second),
                                     CleanText(e.Field("case_id")),
                                     CleanText(e.Field("type")),
                                     absl::StrCat(at),
                                     CleanText(e.Field("actor")),
                                     CleanText(e.Field("order_id")),
                                     CleanText(e.Field("detail")),
                                     FieldsJson(e)};
      for (int i = 0; i < 9; ++i) AppendArrayElement(&columns[i], values[i]);
    }
    if (!batch.events.empty()) {
      std::vector<PgParam> params;
      for (auto& col : columns) params.push_back(Text(col + "}"));
      LD_ASSIGN_OR_RETURN(auto inserted, c.Exec(kInsertEvents, params));
      added = inserted.affected();
    }
    for (const auto& [id, snapshot] : batch.cases)
      LD_RETURN_IF_ERROR(WriteCase(c, hasher, snapshot));
    if (!batch.events.empty()) {
      LD_ASSIGN_OR_RETURN(
          auto progress,
          c.Exec("INSERT INTO archive_progress (stream, last_id, events, updated_at) "
                 "VALUES ($1, $2, $3, now()) ON CONFLICT (stream) DO UPDATE SET "
                 "last_id = excluded.last_id, events = archive_progress.events + excluded.events, "
                 "updated_at = now()",
                 {Text(batch.stream), Text(batch.events.back().id), Text(absl::StrCat(added))}));
      (void)progress;
    }
    return absl::OkStatus();
  }));
  return added;
}

}  // namespace liandong::record
