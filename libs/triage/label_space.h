#pragma once

#include <optional>
#include <string>

#include "absl/strings/string_view.h"
#include "liandong/v1/common.pb.h"

namespace liandong::triage {

// What one model label stands for: a disposition, and for TRANSFER_12345 the item.
struct RouteLabel {
  v1::Disposition disposition = v1::DISPOSITION_UNSPECIFIED;
  std::string item;  // TRANSFER_12345 only

  bool operator==(const RouteLabel&) const = default;
};

// fastText label of a route: "__label__TRANSFER_12345/water_outage", "__label__POLICE_110".
// Emergencies are one label whatever their handover item: the safety layer names that item.
std::string LabelFor(v1::Disposition disposition, absl::string_view item);

// The route of a fastText label; nullopt for anything that is not one of ours.
std::optional<RouteLabel> ParseLabel(absl::string_view label);

}  // namespace liandong::triage
