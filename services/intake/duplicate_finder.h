#pragma once

#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "store/case_store.h"

namespace liandong::intake {

// Another open case about the same matter as `c` would be if confirmed as `item`: same item,
// same district, received within `window` before it, at the same or a containing address.
// Cases without an address are never taken for duplicates (nothing to compare).
absl::StatusOr<std::optional<v1::Case>> FindOpenDuplicate(store::CaseStore& store,
                                                          const v1::Case& c,
                                                          const std::string& item,
                                                          absl::Duration window);

// Addresses as people type them: without spaces and punctuation.
std::string NormalizeAddress(const std::string& address);

}  // namespace liandong::intake
