#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liandong/v1/common.pb.h"

namespace liandong::auth {

// Who may act in the suite. A token names exactly one.
enum class Role { kOperator, kDutyOfficer, kSupervisor, kAgency, kCitizen, kAdmin, kService };

inline constexpr Role kAllRoles[] = {Role::kOperator, Role::kDutyOfficer, Role::kSupervisor,
                                     Role::kAgency,   Role::kCitizen,     Role::kAdmin,
                                     Role::kService};

// "operator", "duty_officer", … as tokens and docs spell them.
std::string RoleName(Role role);
absl::StatusOr<Role> ParseRole(absl::string_view name);

// The verified claims of a bearer token.
struct Identity {
  std::string subject;       // sub: the person's or system's stable id
  std::string display_name;  // name
  Role role = Role::kCitizen;
  v1::Side side = v1::SIDE_UNSPECIFIED;  // operators, duty officers: the desk they sit at
  std::string agency;                    // agencies: the agency id of the rule table
  std::vector<std::string> districts;    // optional: the districts the person works in

  // The stream an agency or a side's desk works from: "agency:<id>", "110" or "12345".
  std::string OwnDestination() const;
};

}  // namespace liandong::auth
