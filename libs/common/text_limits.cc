#include "common/text_limits.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "common/utf8.h"

namespace liandong {

absl::Status ValidateCallText(absl::string_view text) {
  if (text.size() > kMaxTextBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "text: ", text.size(), " bytes exceeds the limit of ", kMaxTextBytes, " bytes"));
  }
  if (!IsValidUtf8(text)) return absl::InvalidArgumentError("text: not valid UTF-8");
  if (absl::StripAsciiWhitespace(text).empty()) {
    return absl::InvalidArgumentError("text: required (the caller's words or the post)");
  }
  if (const size_t n = CodePointCount(text); n > kMaxTextCodePoints) {
    return absl::InvalidArgumentError(
        absl::StrCat("text: ", n, " characters exceeds the limit of ", kMaxTextCodePoints));
  }
  return absl::OkStatus();
}

absl::Status ValidateShortField(absl::string_view field, absl::string_view value, size_t max_bytes,
                                bool required) {
  if (required && absl::StripAsciiWhitespace(value).empty()) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": required"));
  }
  if (value.size() > max_bytes) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": ", value.size(), " bytes exceeds the limit of ", max_bytes));
  }
  if (!IsValidUtf8(value))
    return absl::InvalidArgumentError(absl::StrCat(field, ": not valid UTF-8"));
  return absl::OkStatus();
}

}  // namespace liandong
