#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"

namespace liandong {

// A call text: what an operator types or a post says. 2,000 characters is several minutes of
// speech; longer input is refused rather than silently cut.
inline constexpr size_t kMaxTextCodePoints = 2000;
inline constexpr size_t kMaxTextBytes = 4 * kMaxTextCodePoints;

// INVALID_ARGUMENT naming the `text` field unless it is non-blank, valid UTF-8 and within limits.
absl::Status ValidateCallText(absl::string_view text);

// A short free-text field (name, address, reason …): valid UTF-8, at most `max_bytes`,
// and present when `required`.
absl::Status ValidateShortField(absl::string_view field, absl::string_view value, size_t max_bytes,
                                bool required);

}  // namespace liandong
