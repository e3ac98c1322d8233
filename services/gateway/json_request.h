#pragma once

#include <google/protobuf/message.h>

#include <optional>
#include <string>

namespace liandong::gateway {

// Why a request body was refused: the field as a JSON path ("caller.phone", "items[2]", or
// "body" for the document itself) and the reason, for the 400 the caller sees.
struct FieldProblem {
  std::string field;
  std::string reason;
};

// Parses a JSON body into `out` with protobuf's JSON mapping (field names as the proto's
// json_name or its own name; unknown fields refused). Before protobuf parses, the document is
// walked against the message's descriptor so that an unknown field or a value of the wrong
// type is reported with its path. An empty body is the empty message.
std::optional<FieldProblem> ParseJsonRequest(const std::string& body,
                                             google::protobuf::Message& out);

}  // namespace liandong::gateway
