#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "google/protobuf/message.h"

namespace liandong {

// The whole file as bytes; NOT_FOUND names the path when it cannot be opened.
absl::StatusOr<std::string> ReadWholeFile(const std::string& path);

// Parses protobuf text format into `out`, listing every problem as "source:line:column: why".
absl::Status ParseTextProto(const std::string& text, const std::string& source_name,
                            google::protobuf::Message* out);

// ReadWholeFile + ParseTextProto.
absl::Status LoadTextProto(const std::string& path, google::protobuf::Message* out);

}  // namespace liandong
