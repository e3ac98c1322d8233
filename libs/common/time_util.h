#pragma once

#include <string>

#include "absl/time/time.h"
#include "google/protobuf/timestamp.pb.h"

namespace liandong {

google::protobuf::Timestamp ToProto(absl::Time t);
absl::Time FromProto(const google::protobuf::Timestamp& ts);
// "2026-11-22 15:04:05" in the service time zone (ServiceTimeZone); "-" for an unset timestamp.
std::string FormatLocal(const google::protobuf::Timestamp& ts);

}  // namespace liandong
