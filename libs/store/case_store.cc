#include "store/case_store.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/enums.h"
#include "common/service_time_zone.h"
#include "store/commit_script.h"

namespace liandong::store {
namespace {

constexpr int kMaxAttempts = 8;
// A case record larger than this is refused: every change re-serialises it, and every client
// must be able to receive it (gRPC's default limit is 4 MiB).
constexpr size_t kMaxCaseBytes = 1 << 20;
constexpr char kEntryFieldPrefix[] = "entry:";

}  // namespace

CaseStore::CaseStore(std::shared_ptr<RedisClient> redis, Keys keys)
    : redis_(std::move(redis)), keys_(std::move(keys)), commit_(kCommitCaseScript) {}

absl::StatusOr<v1::Case> CaseStore::Get(const std::string& case_id) {
  auto reply = redis_->Command({"HGETALL", keys_.Case(case_id)});
  if (!reply.ok()) return reply.status();
  if (reply->elements.empty()) {
    return absl::NotFoundError(absl::StrCat("case_id: no case '", case_id, "'"));
  }
  v1::Case c;
  std::vector<std::pair<std::string, std::string>> entries;
  bool parsed = false;
  for (size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    const std::string& field = reply->elements[i].str;
    const std::string& value = reply->elements[i + 1].str;
    if (field == "case") {
      parsed = c.ParseFromString(value);
    } else if (absl::StartsWith(field, kEntryFieldPrefix)) {
      entries.emplace_back(field.substr(sizeof(kEntryFieldPrefix) - 1), value);
    }
  }
  if (!parsed) return absl::DataLossError(absl::StrCat("case '", case_id, "': record is corrupt"));
  for (const auto& [order_id, entry_id] : entries) {
    for (auto& o : *c.mutable_orders()) {
      if (o.order_id() == order_id) o.set_stream_entry_id(entry_id);
    }
  }
  return c;
}

absl::StatusOr<std::string> CaseStore::NewCaseId(absl::Time now) {
  const std::string day = absl::FormatTime("%Y%m%d", now, ServiceTimeZone());
  auto reply = redis_->Command({"INCR", keys_.CaseSequence(day)});
  if (!reply.ok()) return reply.status();
  return absl::StrFormat("LD%s-%06d", day, reply->integer);
}

absl::StatusOr<CaseStore::Outcome> CaseStore::Commit(v1::Case& c, int64_t expected_version,
                                                     const CaseMutation& m, std::string* owner) {
  c.set_version(expected_version + 1);
  if (c.ByteSizeLong() > kMaxCaseBytes) {
    return absl::ResourceExhaustedError(absl::StrCat("case ", c.case_id(), " would grow to ",
                                                     c.ByteSizeLong(), " bytes, over its limit of ",
                                                     kMaxCaseBytes, "; nothing was written"));
  }
  std::vector<std::string> keys = {keys_.Case(c.case_id())};
  auto key_index = [&keys](const std::string& key) {
    for (size_t i = 0; i < keys.size(); ++i) {
      if (keys[i] == key) return std::to_string(i + 1);
    }
    keys.push_back(key);
    return std::to_string(keys.size());
  };
  std::vector<std::string> ops;
  for (const auto& ack : m.acks) {
    ops.insert(ops.end(), {ack.drop ? "DROP" : "ACK", key_index(ack.key), ack.group, ack.entry_id});
  }
  for (const auto& add : m.appends) {
    ops.insert(ops.end(), {"ADD", key_index(add.key),
                           add.order_id.empty() ? "" : kEntryFieldPrefix + add.order_id,
                           std::to_string(add.fields.size())});
    for (const auto& [f, v] : add.fields) ops.insert(ops.end(), {f, v});
  }
  for (const auto& z : m.sorted_sets) {
    switch (z.kind) {
      case SortedSetChange::Kind::kAdd:
        ops.insert(ops.end(),
                   {"ZADD", key_index(z.key), absl::StrFormat("%.0f", z.score), z.member});
        break;
      case SortedSetChange::Kind::kRemove:
        ops.insert(ops.end(), {"ZREM", key_index(z.key), z.member});
        break;
      case SortedSetChange::Kind::kClaim:
        ops.insert(ops.end(), {"CLAIM", key_index(z.key), z.member});
        break;
    }
  }
  std::string idem_index = "0";
  if (m.idempotency) idem_index = key_index(m.idempotency->key);

  std::vector<std::string> args = {std::to_string(expected_version),
                                   std::to_string(c.version()),
                                   c.SerializeAsString(),
                                   CaseStatusLabel(c.status()),
                                   idem_index,
                                   std::to_string(m.idempotency ? m.idempotency->ttl_seconds : 0),
                                   m.idempotency ? m.idempotency->value : ""};
  args.insert(args.end(), ops.begin(), ops.end());

  auto reply = redis_->Eval(commit_, keys, args);
  if (!reply.ok()) return reply.status();
  if (!reply->is_array() || reply->elements.empty()) {
    return absl::InternalError("redis: commit script returned an unexpected reply");
  }
  const std::string& verdict = reply->elements[0].str;
  if (verdict == "CONFLICT") return Outcome::kConflict;
  if (verdict == "GONE") return Outcome::kGone;
  if (verdict == "DUPLICATE") {
    if (owner && reply->elements.size() > 1) *owner = reply->elements[1].str;
    return Outcome::kDuplicate;
  }
  if (verdict != "OK") {
    const std::string why = reply->elements.size() > 1 ? reply->elements[1].str : verdict;
    return absl::InternalError(absl::StrCat("redis: commit refused: ", why));
  }
  // Entry ids come back in the order of the appends.
  for (size_t a = 0; a < m.appends.size() && a + 1 < reply->elements.size(); ++a) {
    if (m.appends[a].order_id.empty()) continue;
    for (auto& o : *c.mutable_orders()) {
      if (o.order_id() == m.appends[a].order_id) o.set_stream_entry_id(reply->elements[a + 1].str);
    }
  }
  return Outcome::kOk;
}

absl::Status CaseStore::Create(v1::Case& c, const CaseMutation& mutation, std::string* owner) {
  auto outcome = Commit(c, 0, mutation, owner);
  if (!outcome.ok()) return outcome.status();
  if (*outcome == Outcome::kDuplicate) {
    return absl::AlreadyExistsError("request_id: already used");
  }
  if (*outcome != Outcome::kOk) {
    return absl::AlreadyExistsError(absl::StrCat("case_id: '", c.case_id(), "' already exists"));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Case> CaseStore::Update(const std::string& case_id, const Change& change,
                                           const v1::Case* first) {
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    auto loaded =
        attempt == 0 && first != nullptr ? absl::StatusOr<v1::Case>(*first) : Get(case_id);
    if (!loaded.ok()) return loaded.status();
    v1::Case next = *loaded;
    CaseMutation mutation;
    absl::Status applied = change(next, mutation);
    if (!applied.ok()) return applied;
    const bool unchanged = next.SerializeAsString() == loaded->SerializeAsString() &&
                           mutation.appends.empty() && mutation.acks.empty() &&
                           mutation.sorted_sets.empty();
    if (unchanged) return next;
    auto outcome = Commit(next, loaded->version(), mutation, nullptr);
    if (!outcome.ok()) return outcome.status();
    if (*outcome == Outcome::kOk) return next;
    if (*outcome == Outcome::kDuplicate)
      return absl::AlreadyExistsError("request_id: already used");
    if (*outcome == Outcome::kGone) {
      return absl::NotFoundError(
          absl::StrCat("case ", case_id, ": a claimed entry was already taken"));
    }
  }
  return absl::AbortedError(
      absl::StrCat("case_id: '", case_id, "' is being changed concurrently; try again"));
}

absl::StatusOr<std::optional<std::string>> CaseStore::LookupIdempotency(const std::string& key) {
  auto reply = redis_->Command({"GET", key});
  if (!reply.ok()) return reply.status();
  if (reply->is_nil()) return std::optional<std::string>();
  return std::optional<std::string>(reply->str);
}

}  // namespace liandong::store
