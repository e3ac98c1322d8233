#include "workflow/request_once.h"

#include <openssl/evp.h>

#include <memory>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/time_util.h"

namespace liandong::workflow {
namespace {

constexpr int kClientIdTtlSeconds = 7 * 24 * 3600;
constexpr int kDerivedIdTtlSeconds = 15 * 60;

std::string Sha256Hex(const std::string& bytes) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_Digest(bytes.data(), bytes.size(), digest, &length, EVP_sha256(), nullptr);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), std::min(length, 16u)));
}

// The request's bytes without its request_id: a retry under a new id is still the same content.
std::string ContentBytes(const google::protobuf::Message& request) {
  std::unique_ptr<google::protobuf::Message> copy(request.New());
  copy->CopyFrom(request);
  const auto* field = copy->GetDescriptor()->FindFieldByName("request_id");
  if (field != nullptr) copy->GetReflection()->ClearField(copy.get(), field);
  std::string bytes;
  copy->SerializeToString(&bytes);
  return absl::StrCat(request.GetDescriptor()->full_name(), "\n", bytes);
}

}  // namespace

RequestIdentity IdentifyRequest(const store::Keys& keys, const std::string& method,
                                const google::protobuf::Message& request,
                                const std::string& request_id) {
  RequestIdentity id;
  id.fingerprint = Sha256Hex(ContentBytes(request));
  if (request_id.empty()) {
    id.key = keys.Idempotency(method, absl::StrCat("auto:", id.fingerprint));
    id.shown = "this request";
    id.ttl_seconds = kDerivedIdTtlSeconds;
  } else {
    id.key = keys.Idempotency(method, request_id);
    id.shown = absl::StrCat("request_id: '", request_id, "'");
    id.ttl_seconds = kClientIdTtlSeconds;
  }
  return id;
}

std::string ClaimValue(const std::string& case_id, const RequestIdentity& id) {
  return absl::StrCat(case_id, " ", id.fingerprint);
}

absl::StatusOr<std::string> CheckReplay(const std::string& stored, const RequestIdentity& id) {
  std::vector<std::string> parts = absl::StrSplit(stored, absl::MaxSplits(' ', 1));
  const std::string& case_id = parts[0];
  // Claims written before fingerprints were stored carry the case only.
  if (parts.size() > 1 && parts[1] != id.fingerprint) {
    return absl::AlreadyExistsError(
        absl::StrCat(id.shown, " was already used for a different request (case ", case_id, ")"));
  }
  return case_id;
}

absl::StatusOr<v1::Case> UpdateOnce(store::CaseStore& store, const RequestIdentity& id,
                                    const std::string& case_id,
                                    const store::CaseStore::Change& change,
                                    const v1::Case* loaded) {
  auto replay = [&]() -> absl::StatusOr<v1::Case> {
    LD_ASSIGN_OR_RETURN(auto stored, store.LookupIdempotency(id.key));
    if (!stored) return absl::AbortedError("request claim vanished; try again");
    LD_ASSIGN_OR_RETURN(const std::string owner, CheckReplay(*stored, id));
    if (owner != case_id) {
      return absl::AlreadyExistsError(absl::StrCat(id.shown, " was already used for case ", owner));
    }
    return store.Get(case_id);
  };
  if (loaded == nullptr) {
    LD_ASSIGN_OR_RETURN(auto stored, store.LookupIdempotency(id.key));
    if (stored) return replay();
  }
  auto committed = store.Update(
      case_id,
      [&](v1::Case& c, store::CaseMutation& m) {
        LD_RETURN_IF_ERROR(change(c, m));
        m.idempotency = store::IdempotencyClaim{id.key, id.ttl_seconds, ClaimValue(case_id, id)};
        return absl::OkStatus();
      },
      loaded);
  // A concurrent attempt of the same request won the race: answer as it would.
  if (absl::IsAlreadyExists(committed.status())) return replay();
  return committed;
}

absl::StatusOr<v1::WorkOrder> OrderIn(const v1::Case& c, const std::string& order_id) {
  for (const auto& o : c.orders()) {
    if (o.order_id() == order_id) return o;
  }
  return absl::NotFoundError(absl::StrCat("order_id: no order '", order_id, "'"));
}

absl::Status CheckExpectedVersion(const v1::Case& c, int64_t expected_version) {
  if (expected_version <= 0 || expected_version == c.version()) return absl::OkStatus();
  // Versions are not stored per event, so the latest few changes are named.
  std::vector<std::string> changes;
  for (int i = std::max(0, c.timeline_size() - 3); i < c.timeline_size(); ++i) {
    const auto& e = c.timeline(i);
    changes.push_back(absl::StrCat(e.type(), " by ", e.actor(), " at ", FormatLocal(e.at()),
                                   e.detail().empty() ? "" : absl::StrCat(" (", e.detail(), ")")));
  }
  const std::string changed = absl::StrJoin(changes, "; ");
  return absl::AbortedError(
      absl::StrCat("expected_version: case ", c.case_id(), " is at version ", c.version(), ", not ",
                   expected_version, "; it is now ", CaseStatusLabel(c.status()),
                   changed.empty() ? "" : absl::StrCat(", latest changes: ", changed),
                   ". Reload it and decide again"));
}

}  // namespace liandong::workflow
