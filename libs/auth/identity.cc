#include "auth/identity.h"

#include "absl/strings/str_cat.h"
#include "common/enums.h"

namespace liandong::auth {

std::string RoleName(Role role) {
  switch (role) {
    case Role::kOperator:
      return "operator";
    case Role::kDutyOfficer:
      return "duty_officer";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kAgency:
      return "agency";
    case Role::kCitizen:
      return "citizen";
    case Role::kAdmin:
      return "admin";
    case Role::kService:
      return "service";
  }
  return "unknown";
}

absl::StatusOr<Role> ParseRole(absl::string_view name) {
  for (Role r : kAllRoles) {
    if (RoleName(r) == name) return r;
  }
  return absl::InvalidArgumentError(absl::StrCat("unknown role \"", name, "\""));
}

std::string Identity::OwnDestination() const {
  if (role == Role::kAgency) return absl::StrCat("agency:", agency);
  if (side != v1::SIDE_UNSPECIFIED) return SideLabel(side);
  return "";
}

}  // namespace liandong::auth
