#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "store/redis_reply.h"

struct redisContext;

namespace liandong::store {

struct RedisOptions {
  std::string host = "127.0.0.1";
  int port = 6379;
  std::string user;  // Redis 6+ ACL user ("" = the default user)
  std::string password;
  absl::Duration connect_timeout = absl::Seconds(1);
  absl::Duration command_timeout = absl::Seconds(2);
  int max_idle = 16;  // idle connections kept in the pool
};

// "host:port" (port defaults to 6379).
absl::StatusOr<RedisOptions> ParseRedisAddress(const std::string& address);

// One hiredis connection. Not thread-safe; dead after any transport error.
class RedisConnection {
 public:
  static absl::StatusOr<std::unique_ptr<RedisConnection>> Open(const RedisOptions& options,
                                                               absl::Duration read_timeout);
  ~RedisConnection();
  RedisConnection(const RedisConnection&) = delete;
  RedisConnection& operator=(const RedisConnection&) = delete;

  // Sends argv binary-safely. Transport failures are UNAVAILABLE; a Redis error reply is
  // returned as a reply of type kError (the caller decides what it means).
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& argv);
  bool broken() const { return broken_; }

 private:
  explicit RedisConnection(redisContext* ctx) : ctx_(ctx) {}
  redisContext* ctx_;
  bool broken_ = false;
};

}  // namespace liandong::store
