#include "call_validation.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/text_limits.h"

namespace liandong::intake {
namespace {

absl::Status ValidatePhone(const std::string& phone) {
  LD_RETURN_IF_ERROR(ValidateShortField("caller.phone", phone, 32, false));
  for (char c : phone) {
    if (!((c >= '0' && c <= '9') || c == '+' || c == '-' || c == ' ')) {
      return absl::InvalidArgumentError(
          absl::StrCat("caller.phone: '", phone, "' may hold only digits, '+', '-' and spaces"));
    }
  }
  return absl::OkStatus();
}

absl::Status ValidateDistrict(const std::string& code) {
  if (code.size() > 12)
    return absl::InvalidArgumentError("location.district_code: at most 12 digits");
  for (char c : code) {
    if (c < '0' || c > '9') {
      return absl::InvalidArgumentError(
          absl::StrCat("location.district_code: '", code, "' must be digits"));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSubmitCall(const v1::SubmitCallRequest& req) {
  if (req.side() == v1::SIDE_UNSPECIFIED) {
    return absl::InvalidArgumentError("side: required (SIDE_110 or SIDE_12345)");
  }
  if (!v1::Side_IsValid(req.side())) {
    return absl::InvalidArgumentError(absl::StrCat("side: unknown value ", req.side()));
  }
  if (req.channel() == v1::CHANNEL_UNSPECIFIED) {
    return absl::InvalidArgumentError("channel: required (phone, online, sms, app or transfer)");
  }
  if (!v1::Channel_IsValid(req.channel())) {
    return absl::InvalidArgumentError(absl::StrCat("channel: unknown value ", req.channel()));
  }
  LD_RETURN_IF_ERROR(ValidateCallText(req.text()));
  LD_RETURN_IF_ERROR(ValidateShortField("request_id", req.request_id(), 128, false));
  LD_RETURN_IF_ERROR(ValidateShortField("operator_id", req.operator_id(), 64, false));
  LD_RETURN_IF_ERROR(ValidatePhone(req.caller().phone()));
  LD_RETURN_IF_ERROR(ValidateShortField("caller.name", req.caller().name(), 128, false));
  LD_RETURN_IF_ERROR(ValidateShortField("location.address", req.location().address(), 512, false));
  LD_RETURN_IF_ERROR(ValidateDistrict(req.location().district_code()));
  const auto& loc = req.location();
  if (loc.has_coordinates() && (loc.latitude() < -90 || loc.latitude() > 90 ||
                                loc.longitude() < -180 || loc.longitude() > 180)) {
    return absl::InvalidArgumentError("location: latitude/longitude out of range");
  }
  return absl::OkStatus();
}

}  // namespace liandong::intake
