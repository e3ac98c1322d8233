#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "store/redis_connection.h"

namespace liandong::store {

// A Lua script run by EVALSHA; loaded on first use and again after NOSCRIPT (a restart).
class LuaScript {
 public:
  explicit LuaScript(std::string source) : source_(std::move(source)) {}
  const std::string& source() const { return source_; }

 private:
  friend class RedisClient;
  std::string source_;
  absl::Mutex mu_;
  std::string sha_ ABSL_GUARDED_BY(mu_);
};

// Thread-safe Redis access over a small pool of connections.
class RedisClient {
 public:
  explicit RedisClient(RedisOptions options) : options_(std::move(options)) {}

  // Any command; a Redis error reply becomes INTERNAL (or UNAVAILABLE while loading).
  absl::StatusOr<RedisReply> Command(const std::vector<std::string>& argv);
  // Like Command, but an error reply starting with `expected` (e.g. "BUSYGROUP" from XGROUP
  // CREATE) is a normal answer: returned as a kError reply and not reported as a failure.
  absl::StatusOr<RedisReply> CommandExpecting(const std::vector<std::string>& argv,
                                              const std::string& expected);
  absl::StatusOr<RedisReply> Eval(LuaScript& script, const std::vector<std::string>& keys,
                                  const std::vector<std::string>& args);
  absl::Status Ping();
  // A connection of its own, for blocking reads (XREADGROUP BLOCK, XREAD BLOCK).
  absl::StatusOr<std::unique_ptr<RedisConnection>> OpenDedicated(absl::Duration read_timeout);
  const RedisOptions& options() const { return options_; }
  // Called on every failed command (transport errors and error replies), e.g. to count them.
  void SetErrorObserver(std::function<void()> observer) { on_error_ = std::move(observer); }

 private:
  absl::StatusOr<RedisReply> Raw(const std::vector<std::string>& argv);
  absl::StatusOr<RedisReply> RawOnce(const std::vector<std::string>& argv);
  std::unique_ptr<RedisConnection> Acquire();
  void Release(std::unique_ptr<RedisConnection> conn);

  RedisOptions options_;
  std::function<void()> on_error_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<RedisConnection>> idle_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liandong::store
