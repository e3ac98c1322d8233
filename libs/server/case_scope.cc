#include "server/case_scope.h"

#include "common/pii.h"

namespace liandong::server {

absl::Status CheckCaseScope(const auth::Grant& grant, store::CaseStore& store,
                            const std::string& case_id) {
  if (grant.scope() == auth::Scope::kAny) return absl::OkStatus();
  auto c = store.Get(case_id);
  if (absl::IsNotFound(c.status()) || absl::IsInvalidArgument(c.status())) return absl::OkStatus();
  if (!c.ok()) return c.status();
  return grant.CheckCase(*c);
}

v1::Case CaseAsSeenBy(const auth::Grant& grant, v1::Case c, const rules::RuleIndex& rules) {
  if (grant.who().role != auth::Role::kAgency) {
    grant.AuditRead(c.case_id());
    return c;
  }
  const std::string own = grant.who().OwnDestination();
  bool sees_phone = false;
  for (auto& o : *c.mutable_orders()) {
    const v1::Item* item = rules.FindItem(o.item());
    sees_phone |= o.destination() == own && item != nullptr && item->agency_sees_caller_phone();
    o.set_summary(MaskNumbersInText(o.summary()));
  }
  if (sees_phone) {
    grant.AuditRead(c.case_id());
  } else {
    c.mutable_caller()->set_phone(MaskPhone(c.caller().phone()));
  }
  c.mutable_caller()->set_name(MaskName(c.caller().name()));
  c.set_text(MaskNumbersInText(c.text()));
  return c;
}

}  // namespace liandong::server
