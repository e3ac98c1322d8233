#pragma once

#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace liandong::triage {

// Index of the column called `name` in a TSV header, or -1.
template <typename Text>
int ColumnIndex(const std::vector<Text>& header, absl::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

// Drops a Windows line end ("\r") and, on the first line, a UTF-8 byte-order mark.
inline void StripLineEnd(std::string& line, bool first_line = false) {
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (first_line && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
}

}  // namespace liandong::triage
