#include "store/redis_connection.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace liandong::store {
absl::StatusOr<RedisOptions> ParseRedisAddress(const std::string& address) {
  RedisOptions options;
  const size_t colon = address.rfind(':');
  if (address.empty()) return absl::InvalidArgumentError("redis: address is empty");
  if (colon == std::string::npos) {
    options.host = address;
    return options;
  }
  options.host = address.substr(0, colon);
  if (!absl::SimpleAtoi(address.substr(colon + 1), &options.port) || options.port <= 0 ||
      options.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("redis: bad port in '", address, "'"));
  }
  return options;
}

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisConnection::Open(
    const RedisOptions& options, absl::Duration read_timeout) {
  redisContext* ctx = redisConnectWithTimeout(options.host.c_str(), options.port,
                                              absl::ToTimeval(options.connect_timeout));
  if (ctx == nullptr || ctx->err) {
    std::string why = ctx ? ctx->errstr : "out of memory";
    if (ctx) redisFree(ctx);
    return absl::UnavailableError(
        absl::StrCat("redis: cannot connect to ", options.host, ":", options.port, ": ", why));
  }
  // Without a read timeout a blocking read would wait forever on a dead server.
  redisSetTimeout(ctx, absl::ToTimeval(read_timeout));
  std::unique_ptr<RedisConnection> conn(new RedisConnection(ctx));
  if (!options.password.empty()) {
    auto reply = options.user.empty() ? conn->Command({"AUTH", options.password})
                                      : conn->Command({"AUTH", options.user, options.password});
    if (!reply.ok()) return reply.status();
    if (reply->is_error()) return absl::PermissionDeniedError("redis: AUTH refused: " + reply->str);
  }
  return conn;
}

RedisConnection::~RedisConnection() { redisFree(ctx_); }

absl::StatusOr<RedisReply> RedisConnection::Command(const std::vector<std::string>& argv) {
  if (broken_) return absl::UnavailableError("redis: connection is broken");
  std::vector<const char*> args;
  std::vector<size_t> lens;
  args.reserve(argv.size());
  lens.reserve(argv.size());
  for (const auto& a : argv) {
    args.push_back(a.data());
    lens.push_back(a.size());
  }
  auto* raw = static_cast<redisReply*>(
      redisCommandArgv(ctx_, static_cast<int>(argv.size()), args.data(), lens.data()));
  if (raw == nullptr || ctx_->err) {
    broken_ = true;
    if (raw) freeReplyObject(raw);
    return absl::UnavailableError(absl::StrCat("redis: ", ctx_->errstr));
  }
  RedisReply reply = RedisReply::From(raw);
  freeReplyObject(raw);
  return reply;
}

}  // namespace liandong::store
