#pragma once

#include <string>

#include "absl/strings/string_view.h"

namespace liandong {

// "13800000001" → "138****0001"; shorter numbers keep only their last two digits.
std::string MaskPhone(absl::string_view phone);

// "王小明" → "王**": the family name, for a caller's name.
std::string MaskName(absl::string_view name);

// Free text with every run of 11+ digits (mobile numbers, ID numbers with an X check digit,
// bank cards) masked like MaskPhone: what an agency or a log must not read in full.
std::string MaskNumbersInText(absl::string_view text);

}  // namespace liandong
