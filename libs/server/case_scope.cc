#include "server/case_scope.h"

namespace liandong::server {

absl::Status CheckCaseScope(const auth::Grant& grant, store::CaseStore& store,
                            const std::string& case_id) {
  if (grant.scope() == auth::Scope::kAny) return absl::OkStatus();
  auto c = store.Get(case_id);
  if (absl::IsNotFound(c.status()) || absl::IsInvalidArgument(c.status())) return absl::OkStatus();
  if (!c.ok()) return c.status();
  return grant.CheckCase(*c);
}

}  // namespace liandong::server
