#pragma once

#include <memory>
#include <string>

#include "child_process.h"
#include "temp_dir.h"

namespace liandong::testing {

// A private redis-server on a free loopback port with AOF in a temp dir.
class RedisServer {
 public:
  explicit RedisServer(const std::string& fsync = "everysec");
  int port() const { return port_; }
  std::string address() const;
  // Restarts on the same port and directory (the AOF is replayed); `hard` kills with SIGKILL
  // first, as a crash would, instead of a clean shutdown.
  void Restart(bool hard = false);
  void Start();
  void Stop();
  void Kill9();
  ChildProcess& process() { return *process_; }

 private:
  TempDir dir_;
  std::string fsync_;
  int port_;
  std::unique_ptr<ChildProcess> process_;
  bool started_once_ = false;
};

}  // namespace liandong::testing
