#pragma once

#include <string>

#include "temp_dir.h"

namespace liandong::testing {

// A private PostgreSQL 15 on a free loopback port with its cluster in a temp dir (initdb, trust
// auth, user `ld`, database `liandong`). As root, initdb and the server run as `postgres`
// (initdb refuses root). fsync is off: tests kill processes, not the machine.
class PostgresServer {
 public:
  PostgresServer();
  ~PostgresServer();
  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;

  int port() const { return port_; }
  // A libpq connection string for the test database.
  std::string conninfo() const;
  void Start();
  // A clean (fast) shutdown; Start() again brings it back on the same port.
  void Stop();
  void Kill9();
  // Runs SQL through psql and returns its unaligned output (rows separated by newlines).
  std::string Query(const std::string& sql) const;
  std::string Log() const;

 private:
  std::string AsPostgres(const std::string& command) const;
  TempDir dir_;
  int port_;
  bool running_ = false;
};

}  // namespace liandong::testing
