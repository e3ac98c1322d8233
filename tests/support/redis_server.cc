#include "redis_server.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "free_port.h"

namespace liandong::testing {

RedisServer::RedisServer(const std::string& fsync) : fsync_(fsync), port_(FreePort()) { Start(); }

namespace {

// One `--user` directive per service from deploy/redis/acl-rules.txt, password = user name +
// "-pw" (tests only; the default user stays on for the harness to inspect keys).
std::vector<std::string> ServiceUsers() {
  std::vector<std::string> args;
  std::ifstream rules(std::string(LIANDONG_SOURCE_DIR) + "/deploy/redis/acl-rules.txt");
  std::string line;
  while (std::getline(rules, line)) {
    if (line.empty() || line[0] == '#') continue;
    // Each word its own argument: Redis joins them into one `user` config line.
    std::istringstream words(line);
    std::string user, word;
    words >> user;
    args.insert(args.end(), {"--user", user, "on", ">" + user + "-pw"});
    while (words >> word) args.push_back(word);
  }
  return args;
}

}  // namespace

void RedisServer::Start() {
  // The port was free when picked; if another process took it since, Redis exits: pick anew
  // (only on a first start — a restart must keep its port for the services to reconnect).
  for (int attempt = 0; attempt < 5; ++attempt) {
    std::vector<std::string> args{"--port",
                                  std::to_string(port_),
                                  "--bind",
                                  "127.0.0.1",
                                  "--dir",
                                  dir_.path(),
                                  "--appendonly",
                                  "yes",
                                  "--appendfsync",
                                  fsync_,
                                  "--save",
                                  "",
                                  "--daemonize",
                                  "no",
                                  "--protected-mode",
                                  "yes"};
    const auto users = ServiceUsers();
    args.insert(args.end(), users.begin(), users.end());
    process_ =
        std::make_unique<ChildProcess>("/usr/bin/redis-server", args, dir_.File("redis.log"));
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
