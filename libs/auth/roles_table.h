#pragma once

#include <vector>

#include "absl/strings/string_view.h"
#include "auth/identity.h"

namespace liandong::auth {

// How far a permission reaches, like the namespace of a Kubernetes RoleBinding.
enum class Scope {
  kAny,        // every case, order and stream
  kOwnSide,    // the token's side: a request's `side`, a destination "110"/"12345", a case
               // received on that side or with an order to it
  kOwnAgency,  // the token's agency: destination "agency:<id>", cases with an order to it
};

absl::string_view ScopeName(Scope scope);

// One row of the authorization table: `role` may perform `action` within `scope`.
// An action is "<Service>.<Method>" as in the proto, or "<Service>.<Method>:<variant>" where
// one method does two things that different roles may do (CloseCase:cancel).
struct Permission {
  Role role;
  absl::string_view action;
  Scope scope;
};

// The whole table, in the order docs/security.md prints it.
const std::vector<Permission>& RolesTable();

// The row for this role and action, or nullptr: not allowed.
const Permission* FindPermission(Role role, absl::string_view action);

}  // namespace liandong::auth
