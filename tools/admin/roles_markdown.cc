#include "roles_markdown.h"

#include <map>
#include <vector>

#include "absl/strings/str_cat.h"
#include "auth/roles_table.h"

namespace liandong::admin {

std::string RolesMarkdown() {
  std::string out = "| action |";
  std::string rule = "|---|";
  for (auth::Role r : auth::kAllRoles) {
    absl::StrAppend(&out, " ", auth::RoleName(r), " |");
    rule += "---|";
  }
  absl::StrAppend(&out, "\n", rule, "\n");
  std::vector<std::string> order;  // first appearance in the table
  std::map<std::string, std::map<auth::Role, auth::Scope>> cells;
  for (const auth::Permission& p : auth::RolesTable()) {
    const std::string action(p.action);
    if (!cells.count(action)) order.push_back(action);
    cells[action][p.role] = p.scope;
  }
  for (const std::string& action : order) {
    absl::StrAppend(&out, "| `", action, "` |");
    for (auth::Role r : auth::kAllRoles) {
      auto it = cells[action].find(r);
      absl::StrAppend(&out, " ", it == cells[action].end() ? "—" : auth::ScopeName(it->second),
                      " |");
    }
    out += "\n";
  }
  return out;
}

}  // namespace liandong::admin
