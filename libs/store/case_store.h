#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "store/keys.h"
#include "store/redis_client.h"

namespace liandong::store {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct StreamAppend {
  std::string key;
  Fields fields;
  std::string order_id;  // when set, the entry id is kept as the order's stream_entry_id
};

struct StreamAck {
  std::string key;
  std::string group;
  std::string entry_id;
  bool drop = false;  // also delete the entry: it must never be delivered (a cancelled order)
};

struct SortedSetChange {
  enum class Kind { kAdd, kRemove, kClaim };  // kClaim: remove, and refuse the commit if absent
  std::string key;
  Kind kind = Kind::kAdd;
  double score = 0;  // whole unix milliseconds (exact in a double); written without rounding
  std::string member;
};

struct IdempotencyClaim {
  std::string key;
  int ttl_seconds = 86400;
  std::string value;
};

// Everything written together with one change of a case.
struct CaseMutation {
  std::vector<StreamAppend> appends;
  std::vector<StreamAck> acks;
  std::vector<SortedSetChange> sorted_sets;
  std::optional<IdempotencyClaim> idempotency;
};

// Cases live in one hash each (`case` = serialized v1::Case, `version`, `status`, and
// `entry:<order_id>` = stream entry id). Every change is one atomic script run.
class CaseStore {
 public:
  CaseStore(std::shared_ptr<RedisClient> redis, Keys keys);

  absl::StatusOr<v1::Case> Get(const std::string& case_id);
  // "LD20261122-000042": date of receipt in the service time zone and a per-day sequence.
  absl::StatusOr<std::string> NewCaseId(absl::Time now);

  // Writes a new case at version 1. If the mutation's idempotency key is already claimed,
  // nothing is written and ALREADY_EXISTS is returned with the owner in `owner`.
  absl::Status Create(v1::Case& c, const CaseMutation& mutation, std::string* owner);

  // Loads, applies `change`, and commits with compare-and-set, retrying on a concurrent
  // change. A change that leaves the case as it was writes nothing. A claim of a member that is
  // already gone writes nothing and returns NOT_FOUND (someone else fired that clock).
  using Change = std::function<absl::Status(v1::Case&, CaseMutation&)>;
  // `loaded`, when given, is the case as the caller just read it: the first attempt starts from
  // it instead of reading again (a stale copy only costs a compare-and-set conflict and a read).
  absl::StatusOr<v1::Case> Update(const std::string& case_id, const Change& change,
                                  const v1::Case* loaded = nullptr);

  absl::StatusOr<std::optional<std::string>> LookupIdempotency(const std::string& key);

  RedisClient& redis() { return *redis_; }
  const Keys& keys() const { return keys_; }

 private:
  enum class Outcome { kOk, kConflict, kDuplicate, kGone };
  absl::StatusOr<Outcome> Commit(v1::Case& c, int64_t expected_version, const CaseMutation& m,
                                 std::string* owner);

  std::shared_ptr<RedisClient> redis_;
  Keys keys_;
  LuaScript commit_;
};

}  // namespace liandong::store
