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
  // Restarts on the same port and directory (the AOF is replayed).
  void Restart();
  void Stop();
  void Kill9();
  ChildProcess& process() { return *process_; }

 private:
  void Start();
  TempDir dir_;
  std::string fsync_;
  int port_;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace liandong::testing
