#include "http_errors.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include "common/grpc_status.h"

namespace liandong::gateway {

int HttpStatusFor(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::OK:
      return 200;
    case grpc::StatusCode::CANCELLED:
      return 499;
    case grpc::StatusCode::INVALID_ARGUMENT:
    case grpc::StatusCode::FAILED_PRECONDITION:
    case grpc::StatusCode::OUT_OF_RANGE:
      return 400;
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return 504;
    case grpc::StatusCode::NOT_FOUND:
      return 404;
    case grpc::StatusCode::ALREADY_EXISTS:
    case grpc::StatusCode::ABORTED:
      return 409;
    case grpc::StatusCode::PERMISSION_DENIED:
      return 403;
    case grpc::StatusCode::UNAUTHENTICATED:
      return 401;
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return 429;
    case grpc::StatusCode::UNIMPLEMENTED:
      return 501;
    case grpc::StatusCode::UNAVAILABLE:
      return 503;
    default:
      return 500;  // UNKNOWN, INTERNAL, DATA_LOSS
  }
}

std::string ErrorJson(const std::string& code, const std::string& field,
                      const std::string& reason) {
  google::protobuf::Struct body;
  auto& f = *body.mutable_fields();
  f["code"].set_string_value(code);
  if (!field.empty()) f["field"].set_string_value(field);
  f["reason"].set_string_value(reason);
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(body, &json).ok()) {
    return R"({"code":"INTERNAL","reason":"cannot encode the error"})";
  }
  return json;
}

std::string ErrorJson(const grpc::Status& status) {
  return ErrorJson(StatusCodeName(status.error_code()), "", status.error_message());
}

}  // namespace liandong::gateway
