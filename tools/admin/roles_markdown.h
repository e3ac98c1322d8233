#pragma once

#include <string>

namespace liandong::admin {

// The roles table as a Markdown matrix (action × role → scope), for docs/security.md.
std::string RolesMarkdown();

}  // namespace liandong::admin
