#include "store/redis_client.h"

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace liandong::store {
namespace {

absl::Status ErrorReplyStatus(const RedisReply& reply) {
  if (absl::StartsWith(reply.str, "LOADING") || absl::StartsWith(reply.str, "BUSY") ||
      absl::StartsWith(reply.str, "MASTERDOWN") || absl::StartsWith(reply.str, "READONLY")) {
    return absl::UnavailableError(absl::StrCat("redis: ", reply.str));
  }
  return absl::InternalError(absl::StrCat("redis: ", reply.str));
}

}  // namespace

std::unique_ptr<RedisConnection> RedisClient::Acquire() {
  absl::MutexLock lock(&mu_);
  if (idle_.empty()) return nullptr;
  auto conn = std::move(idle_.back());
  idle_.pop_back();
  return conn;
}

void RedisClient::Release(std::unique_ptr<RedisConnection> conn) {
  if (conn == nullptr || conn->broken()) return;
  absl::MutexLock lock(&mu_);
  if (static_cast<int>(idle_.size()) < options_.max_idle) idle_.push_back(std::move(conn));
}

absl::StatusOr<RedisReply> RedisClient::Raw(const std::vector<std::string>& argv) {
  auto reply = RawOnce(argv);
  if (on_error_ && (!reply.ok() || reply->is_error())) on_error_();
  return reply;
}

absl::StatusOr<RedisReply> RedisClient::RawOnce(const std::vector<std::string>& argv) {
  auto conn = Acquire();
  if (conn == nullptr) {
    auto opened = RedisConnection::Open(options_, options_.command_timeout);
    if (!opened.ok()) return opened.status();
    conn = *std::move(opened);
  }
  auto reply = conn->Command(argv);
  Release(std::move(conn));
  return reply;
}

absl::StatusOr<RedisReply> RedisClient::Command(const std::vector<std::string>& argv) {
  auto reply = Raw(argv);
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return ErrorReplyStatus(*reply);
  return reply;
}

absl::StatusOr<RedisReply> RedisClient::CommandExpecting(const std::vector<std::string>& argv,
                                                         const std::string& expected) {
  auto reply = RawOnce(argv);
  if (reply.ok() && reply->is_error() && absl::StartsWith(reply->str, expected)) return reply;
  if (on_error_ && (!reply.ok() || reply->is_error())) on_error_();
  if (!reply.ok()) return reply.status();
  if (reply->is_error()) return ErrorReplyStatus(*reply);
  return reply;
}

absl::StatusOr<RedisReply> RedisClient::Eval(LuaScript& script,
                                             const std::vector<std::string>& keys,
                                             const std::vector<std::string>& args) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    std::string sha;
    {
      absl::MutexLock lock(&script.mu_);
      sha = script.sha_;
    }
    if (sha.empty()) {
      auto loaded = Command({"SCRIPT", "LOAD", script.source()});
      if (!loaded.ok()) return loaded.status();
      sha = loaded->str;
      absl::MutexLock lock(&script.mu_);
      script.sha_ = sha;
    }
    std::vector<std::string> argv = {"EVALSHA", sha, std::to_string(keys.size())};
    argv.insert(argv.end(), keys.begin(), keys.end());
    argv.insert(argv.end(), args.begin(), args.end());
    auto reply = Raw(argv);
    if (!reply.ok()) return reply.status();
    if (reply->is_error() && absl::StartsWith(reply->str, "NOSCRIPT")) {
      absl::MutexLock lock(&script.mu_);
      script.sha_.clear();  // Redis restarted without the script cache: load it again
      continue;
    }
    if (reply->is_error()) return ErrorReplyStatus(*reply);
    return reply;
  }
  return absl::UnavailableError("redis: script could not be loaded");
}

absl::Status RedisClient::Ping() {
  auto reply = Command({"PING"});
  return reply.ok() ? absl::OkStatus() : reply.status();
}

absl::StatusOr<std::unique_ptr<RedisConnection>> RedisClient::OpenDedicated(
    absl::Duration read_timeout) {
  return RedisConnection::Open(options_, read_timeout);
}

}  // namespace liandong::store
