#include "redis_server.h"

#include <stdexcept>

#include "free_port.h"

namespace liandong::testing {

RedisServer::RedisServer(const std::string& fsync) : fsync_(fsync), port_(FreePort()) { Start(); }

void RedisServer::Start() {
  // The port was free when picked; if another process took it since, Redis exits: pick anew
  // (only on a first start — a restart must keep its port for the services to reconnect).
  for (int attempt = 0; attempt < 5; ++attempt) {
    process_ = std::make_unique<ChildProcess>(
        "/usr/bin/redis-server",
        std::vector<std::string>{"--port", std::to_string(port_), "--bind", "127.0.0.1", "--dir",
                                 dir_.path(), "--appendonly", "yes", "--appendfsync", fsync_,
                                 "--save", "", "--daemonize", "no", "--protected-mode", "yes"},
        dir_.File("redis.log"));
    if (WaitForPort(port_, 10) && process_->Running()) {
      started_once_ = true;
      return;
    }
    if (started_once_) break;
    process_->Kill9();
    port_ = FreePort();
  }
  throw std::runtime_error("redis-server did not start: " + process_->Log());
}

std::string RedisServer::address() const { return LoopbackAddress(port_); }

void RedisServer::Restart(bool hard) {
  if (hard) {
    process_->Kill9();
  } else {
    process_->Stop();
  }
  Start();
}

void RedisServer::Stop() { process_->Stop(); }

void RedisServer::Kill9() { process_->Kill9(); }

}  // namespace liandong::testing
