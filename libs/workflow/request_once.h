#pragma once

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/statusor.h"
#include "liandong/v1/common.pb.h"
#include "store/case_store.h"

namespace liandong::workflow {

// Who one mutating request is, so that a retry after a lost reply is recognised: the client's
// request id, or, when it sent none, one derived from the request's content (same method, same
// fields, same actor). A derived identity lives 15 minutes, a client's 7 days.
struct RequestIdentity {
  std::string key;          // the idempotency key in Redis
  std::string fingerprint;  // digest of the request without its request_id
  std::string shown;        // how the request is named in messages
  int ttl_seconds = 0;
};

RequestIdentity IdentifyRequest(const store::Keys& keys, const std::string& method,
                                const google::protobuf::Message& request,
                                const std::string& request_id);

// What is stored under the key: the case the request changed and the request's fingerprint.
std::string ClaimValue(const std::string& case_id, const RequestIdentity& id);

// The case a claim was made for, or ALREADY_EXISTS when the same request id was used for a
// different request (another case, or other content).
absl::StatusOr<std::string> CheckReplay(const std::string& stored, const RequestIdentity& id);

// Applies `change` once per request: the first attempt commits together with its claim; a
// retry (same identity and content) gets the case as it is now and changes nothing; the same
// request id with different content is ALREADY_EXISTS.
// `loaded` (optional) is the case as the caller just read it after finding no claim: the
// claim is then not looked up again and the case not read again.
absl::StatusOr<v1::Case> UpdateOnce(store::CaseStore& store, const RequestIdentity& id,
                                    const std::string& case_id,
                                    const store::CaseStore::Change& change,
                                    const v1::Case* loaded = nullptr);

// The order as it stands in `c` (the answer of an order RPC, first or replayed).
absl::StatusOr<v1::WorkOrder> OrderIn(const v1::Case& c, const std::string& order_id);

// ABORTED when the client made its decision on a version the case has since left: the loser of
// a race learns what changed instead of silently overwriting or being dropped.
absl::Status CheckExpectedVersion(const v1::Case& c, int64_t expected_version);

}  // namespace liandong::workflow
