#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liandong/v1/common.pb.h"

namespace liandong {

// "110" / "12345" <-> Side, as operators and TSV files write them.
absl::StatusOr<v1::Side> ParseSide(absl::string_view text);
std::string SideLabel(v1::Side side);

// "phone", "online", "sms", "app", "transfer".
absl::StatusOr<v1::Channel> ParseChannel(absl::string_view text);
std::string ChannelLabel(v1::Channel channel);

// "EMERGENCY_110" … as in the policy.
absl::StatusOr<v1::Disposition> ParseDisposition(absl::string_view text);
std::string DispositionLabel(v1::Disposition disposition);

// Short lower-case labels without the enum prefix: "dispatched", "in_progress".
std::string CaseStatusLabel(v1::CaseStatus status);
std::string OrderStatusLabel(v1::OrderStatus status);

}  // namespace liandong
