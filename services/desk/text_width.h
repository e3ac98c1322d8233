#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace liandong::desk {

// Columns a UTF-8 string takes in a terminal: CJK and full-width characters take two.
int DisplayWidth(absl::string_view utf8);

// `text` padded with spaces to `width` columns (unchanged when already wider), so tables with
// Chinese text line up.
std::string PadRight(absl::string_view text, int width);

}  // namespace liandong::desk
