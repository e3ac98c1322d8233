#pragma once

#include <optional>
#include <string>

#include "liandong/v1/common.pb.h"
#include "store/keys.h"

namespace liandong::workflow {

// A normalised key for the place an address names, so two callers who write the same place
// differently ("南京市鼓楼区中山路八号", "中山路 8 号3单元") are recognised as one place, and
// addresses too vague to name one ("号", "8", "A", a bare district, a road without a number)
// have no key at all and are never taken for the same place.
//   road and number      "R:中山路#8"
//   named complex        "C:阳光小区" or, with a building, "C:阳光小区#3"
//   crossing of two roads "X:北京路|中山路" (in order, whichever way it was written)
// Province, city, district, town and sub-district prefixes are dropped; digits may be written
// full-width or in Chinese numerals.
std::optional<std::string> PlaceKey(const std::string& address);

// The index of open cases about one matter at one place, where a later call about the same
// matter looks (constant time, whatever the number of open cases). The matter is the item of
// a transfer, or "110:" and the handover item of an emergency. None when the decision is not
// linked to others or the address names no place.
std::optional<std::string> OpenMatterKey(const store::Keys& keys, const v1::Case& c);

}  // namespace liandong::workflow
