#pragma once

#include <string>
#include <vector>

struct redisReply;

namespace liandong::store {

// An owned copy of a hiredis reply, so the C object can be freed at once.
struct RedisReply {
  enum class Type { kNil, kString, kStatus, kError, kInteger, kArray };
  Type type = Type::kNil;
  std::string str;  // kString, kStatus, kError
  long long integer = 0;
  std::vector<RedisReply> elements;

  static RedisReply From(const redisReply* reply);
  bool is_nil() const { return type == Type::kNil; }
  bool is_array() const { return type == Type::kArray; }
  bool is_error() const { return type == Type::kError; }
};

}  // namespace liandong::store
