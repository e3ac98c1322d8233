#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace liandong {

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF).
bool IsValidUtf8(absl::string_view text);

// Decodes well-formed UTF-8 into code points; call IsValidUtf8 first.
std::u32string DecodeUtf8(absl::string_view text);

std::string EncodeUtf8(std::u32string_view text);

// Number of code points (well-formed input).
size_t CodePointCount(absl::string_view text);

}  // namespace liandong
