#include "common/enums.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace liandong {
namespace {

// Drops an enum prefix and lower-cases: CASE_IN_PROGRESS -> in_progress.
std::string StripPrefix(const std::string& name, absl::string_view prefix) {
  std::string s = name;
  if (absl::StartsWith(s, prefix)) s = s.substr(prefix.size());
  return absl::AsciiStrToLower(s);
}

}  // namespace

absl::StatusOr<v1::Side> ParseSide(absl::string_view text) {
  if (text == "110" || text == "SIDE_110") return v1::SIDE_110;
  if (text == "12345" || text == "SIDE_12345") return v1::SIDE_12345;
  return absl::InvalidArgumentError(absl::StrCat("side: '", text, "' is not 110 or 12345"));
}

std::string SideLabel(v1::Side side) {
  switch (side) {
    case v1::SIDE_110:
      return "110";
    case v1::SIDE_12345:
      return "12345";
    default:
      return "-";
  }
}

absl::StatusOr<v1::Channel> ParseChannel(absl::string_view text) {
  v1::Channel channel;
  const std::string upper = absl::StrCat("CHANNEL_", absl::AsciiStrToUpper(text));
  if (v1::Channel_Parse(upper, &channel) && channel != v1::CHANNEL_UNSPECIFIED) return channel;
  if (v1::Channel_Parse(std::string(text), &channel) && channel != v1::CHANNEL_UNSPECIFIED) {
    return channel;
  }
  return absl::InvalidArgumentError(
      absl::StrCat("channel: '", text, "' is not one of phone, online, sms, app, transfer"));
}

std::string ChannelLabel(v1::Channel channel) {
  return StripPrefix(v1::Channel_Name(channel), "CHANNEL_");
}

absl::StatusOr<v1::Disposition> ParseDisposition(absl::string_view text) {
  v1::Disposition d;
  if (v1::Disposition_Parse(absl::AsciiStrToUpper(text), &d) && d != v1::DISPOSITION_UNSPECIFIED) {
    return d;
  }
  return absl::InvalidArgumentError(absl::StrCat("disposition: '", text, "' is not a disposition"));
}

std::string DispositionLabel(v1::Disposition disposition) {
  if (disposition == v1::DISPOSITION_UNSPECIFIED) return "-";
  return v1::Disposition_Name(disposition);
}

std::string CaseStatusLabel(v1::CaseStatus status) {
  return StripPrefix(v1::CaseStatus_Name(status), "CASE_");
}

std::string OrderStatusLabel(v1::OrderStatus status) {
  return StripPrefix(v1::OrderStatus_Name(status), "ORDER_");
}

}  // namespace liandong
