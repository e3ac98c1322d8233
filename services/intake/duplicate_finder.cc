#include "duplicate_finder.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "workflow/place_key.h"

namespace liandong::intake {

absl::StatusOr<std::optional<v1::Case>> FindOpenDuplicate(store::CaseStore& store,
                                                          const v1::Case& c,
                                                          const v1::Triage& decision,
                                                          absl::Duration window) {
  v1::Case decided = c;
  *decided.mutable_confirmed() = decision;
  const auto index = workflow::OpenMatterKey(store.keys(), decided);
  if (!index) return std::optional<v1::Case>();
  const absl::Time received = FromProto(c.received_at());
  LD_ASSIGN_OR_RETURN(auto candidates,
                      store.redis().Command({"ZRANGEBYSCORE", *index,
                                             absl::StrCat(absl::ToUnixMillis(received - window)),
                                             "+inf", "LIMIT", "0", "8"}));
  for (const auto& id : candidates.elements) {
    if (id.str == c.case_id()) continue;
    auto other = store.Get(id.str);
    if (!other.ok()) continue;  // gone: the index is only a hint
    const bool open = other->status() != v1::CASE_CLOSED && other->status() != v1::CASE_TRIAGED;
    // The index is a hint: a re-routed case may be about another matter now.
    if (open && workflow::OpenMatterKey(store.keys(), *other) == index) {
      return std::optional<v1::Case>(*std::move(other));
    }
  }
  return std::optional<v1::Case>();
}

}  // namespace liandong::intake
