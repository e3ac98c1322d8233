#include "json_request.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <limits>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace liandong::gateway {
namespace {

using google::protobuf::Descriptor;
using google::protobuf::FieldDescriptor;
using google::protobuf::Struct;
using google::protobuf::Value;

std::string KindName(const Value& v) {
  switch (v.kind_case()) {
    case Value::kNullValue:
      return "null";
    case Value::kNumberValue:
      return "a number";
    case Value::kStringValue:
      return "a string";
    case Value::kBoolValue:
      return "a boolean";
    case Value::kStructValue:
      return "an object";
    case Value::kListValue:
      return "an array";
    default:
      return "nothing";
  }
}

FieldProblem WrongType(const std::string& path, const std::string& expected, const Value& v) {
  return {path, absl::StrCat("expected ", expected, ", got ", KindName(v))};
}

// Well-known types whose JSON form is a string (RFC 3339 times, "1.5s" durations, masks).
bool IsStringWellKnown(const Descriptor* type) {
  const std::string& n = type->full_name();
  return n == "google.protobuf.Timestamp" || n == "google.protobuf.Duration" ||
         n == "google.protobuf.FieldMask";
}

bool IsFreeFormWellKnown(const Descriptor* type) {
  return type->file()->package() == "google.protobuf" && !IsStringWellKnown(type);
}

const FieldDescriptor* FindField(const Descriptor* type, const std::string& key) {
  for (int i = 0; i < type->field_count(); ++i) {
    const FieldDescriptor* f = type->field(i);
    if (f->json_name() == key || f->name() == key) return f;
  }
  return nullptr;
}

std::optional<FieldProblem> CheckObject(const Struct& object, const Descriptor* type,
                                        const std::string& prefix);

std::optional<FieldProblem> CheckInteger(const Value& v, const FieldDescriptor* f,
                                         const std::string& path) {
  const bool is_unsigned = f->cpp_type() == FieldDescriptor::CPPTYPE_UINT32 ||
                           f->cpp_type() == FieldDescriptor::CPPTYPE_UINT64;
  const bool is_32 = f->cpp_type() == FieldDescriptor::CPPTYPE_INT32 ||
                     f->cpp_type() == FieldDescriptor::CPPTYPE_UINT32;
  double d = 0;
  if (v.kind_case() == Value::kNumberValue) {
    d = v.number_value();
  } else if (v.kind_case() == Value::kStringValue) {
    // 64-bit integers travel as strings in the JSON mapping.
    int64_t i = 0;
    uint64_t u = 0;
    if (absl::SimpleAtoi(v.string_value(), &i)) {
      d = static_cast<double>(i);
    } else if (absl::SimpleAtoi(v.string_value(), &u)) {
      d = static_cast<double>(u);
    } else {
      return FieldProblem{path, absl::StrCat("\"", v.string_value(), "\" is not an integer")};
    }
  } else {
    return WrongType(path, "an integer", v);
  }
  if (std::floor(d) != d) return FieldProblem{path, "expected an integer, got a fraction"};
  if (is_unsigned && d < 0) return FieldProblem{path, "must not be negative"};
  if (is_32 &&
      (d > std::numeric_limits<uint32_t>::max() || d < std::numeric_limits<int32_t>::min())) {
    return FieldProblem{path, "out of range for a 32-bit integer"};
  }
  return std::nullopt;
}

std::optional<FieldProblem> CheckScalar(const Value& v, const FieldDescriptor* f,
                                        const std::string& path) {
  switch (f->cpp_type()) {
    case FieldDescriptor::CPPTYPE_STRING:
      if (v.kind_case() != Value::kStringValue) {
        return WrongType(path,
                         f->type() == FieldDescriptor::TYPE_BYTES ? "base64 text" : "a string", v);
      }
      if (f->type() == FieldDescriptor::TYPE_BYTES) {
        std::string decoded;
        if (!absl::Base64Unescape(v.string_value(), &decoded) &&
            !absl::WebSafeBase64Unescape(v.string_value(), &decoded)) {
          return FieldProblem{path, "not base64 (a bytes field carries base64 of UTF-8 text)"};
        }
      }
      return std::nullopt;
    case FieldDescriptor::CPPTYPE_BOOL:
      if (v.kind_case() != Value::kBoolValue) return WrongType(path, "true or false", v);
      return std::nullopt;
    case FieldDescriptor::CPPTYPE_DOUBLE:
    case FieldDescriptor::CPPTYPE_FLOAT: {
      double d = 0;
      if (v.kind_case() == Value::kNumberValue) return std::nullopt;
      if (v.kind_case() == Value::kStringValue &&
          (absl::SimpleAtod(v.string_value(), &d) || v.string_value() == "NaN")) {
        return std::nullopt;
      }
      return WrongType(path, "a number", v);
    }
    case FieldDescriptor::CPPTYPE_ENUM: {
      if (v.kind_case() == Value::kStringValue) {
        if (f->enum_type()->FindValueByName(v.string_value()) != nullptr) return std::nullopt;
        return FieldProblem{path, absl::StrCat("\"", v.string_value(), "\" is not a value of ",
                                               f->enum_type()->full_name())};
      }
      if (v.kind_case() == Value::kNumberValue) return CheckInteger(v, f, path);
      return WrongType(path, absl::StrCat("a name of ", f->enum_type()->full_name()), v);
    }
    case FieldDescriptor::CPPTYPE_MESSAGE: {
      const Descriptor* type = f->message_type();
      if (IsStringWellKnown(type)) {
        if (v.kind_case() != Value::kStringValue) return WrongType(path, "a string", v);
        return std::nullopt;
      }
      if (IsFreeFormWellKnown(type)) return std::nullopt;
      if (v.kind_case() != Value::kStructValue) return WrongType(path, "an object", v);
      return CheckObject(v.struct_value(), type, path + ".");
    }
    default:
      return CheckInteger(v, f, path);
  }
}

std::optional<FieldProblem> CheckField(const Value& v, const FieldDescriptor* f,
                                       const std::string& path) {
  if (v.kind_case() == Value::kNullValue) return std::nullopt;  // null: the default
  if (f->is_map()) {
    if (v.kind_case() != Value::kStructValue) return WrongType(path, "an object (a map)", v);
    const FieldDescriptor* value_field = f->message_type()->map_value();
    for (const auto& [key, entry] : v.struct_value().fields()) {
      if (auto p = CheckScalar(entry, value_field, absl::StrCat(path, ".", key))) return p;
    }
    return std::nullopt;
  }
  if (f->is_repeated()) {
    if (v.kind_case() != Value::kListValue) return WrongType(path, "an array", v);
    for (int i = 0; i < v.list_value().values_size(); ++i) {
      if (auto p = CheckScalar(v.list_value().values(i), f, absl::StrCat(path, "[", i, "]"))) {
        return p;
      }
    }
    return std::nullopt;
  }
  return CheckScalar(v, f, path);
}

std::optional<FieldProblem> CheckObject(const Struct& object, const Descriptor* type,
                                        const std::string& prefix) {
  for (const auto& [key, value] : object.fields()) {
    const FieldDescriptor* f = FindField(type, key);
    if (f == nullptr) {
      return FieldProblem{prefix + key, absl::StrCat("unknown field of ", type->full_name())};
    }
    if (auto p = CheckField(value, f, prefix + key)) return p;
  }
  return std::nullopt;
}

}  // namespace

std::optional<FieldProblem> ParseJsonRequest(const std::string& body,
                                             google::protobuf::Message& out) {
  const std::string document = body.empty() ? "{}" : body;
  Value parsed;
  if (!google::protobuf::util::JsonStringToMessage(document, &parsed).ok()) {
    return FieldProblem{"body", "not valid JSON"};
  }
  if (parsed.kind_case() != Value::kStructValue) {
    return WrongType("body", "a JSON object", parsed);
  }
  if (auto p = CheckObject(parsed.struct_value(), out.GetDescriptor(), "")) return p;
  google::protobuf::util::JsonParseOptions options;
  options.ignore_unknown_fields = false;
  if (auto s = google::protobuf::util::JsonStringToMessage(document, &out, options); !s.ok()) {
    // What the walk above cannot see (a malformed timestamp, say): protobuf's own words.
    return FieldProblem{"body", std::string(s.message())};
  }
  return std::nullopt;
}

}  // namespace liandong::gateway
