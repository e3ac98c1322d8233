#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"

struct pg_conn;
struct pg_result;

namespace liandong::record {

// One query parameter: NULL, text, or binary (bytea).
struct PgParam {
  std::optional<std::string> value;
  bool binary = false;
  static PgParam Null() { return {std::nullopt, false}; }
  static PgParam Bytes(std::string v) { return {std::move(v), true}; }
};
PgParam Text(std::string v);

// An owned result; rows and columns by index, values as text.
class PgResult {
 public:
  explicit PgResult(pg_result* r) : r_(r) {}
  ~PgResult();
  PgResult(PgResult&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
  PgResult& operator=(PgResult&& o) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  std::string Get(int row, int col) const;
  bool IsNull(int row, int col) const;
  // The value of a `bytea` column returned in text form (\x…), decoded.
  std::string GetBytes(int row, int col) const;
  long long affected() const;  // INSERT/UPDATE/DELETE row count

 private:
  pg_result* r_;
};

// One libpq connection. Not thread-safe; dead after a connection failure.
class PgConnection {
 public:
  static absl::StatusOr<std::unique_ptr<PgConnection>> Open(const std::string& conninfo);
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with $1… parameters. A broken connection is UNAVAILABLE (retry later);
  // a statement PostgreSQL refuses is INTERNAL with its message (or UNAVAILABLE when the server
  // is shutting down or starting).
  absl::StatusOr<PgResult> Exec(const std::string& sql, const std::vector<PgParam>& params = {});
  // Several statements without parameters (migrations); one implicit transaction.
  absl::Status ExecScript(const std::string& sql);
  bool broken() const;

 private:
  explicit PgConnection(pg_conn* c) : conn_(c) {}
  absl::Status Check(pg_result* r);
  pg_conn* conn_;
};

// A small pool of connections to one database, thread-safe; reconnects after failures.
class PgPool {
 public:
  explicit PgPool(std::string conninfo, int max_idle = 8)
      : conninfo_(std::move(conninfo)), max_idle_(max_idle) {}

  // A connection of the pool, returned to it when the handle is destroyed (if healthy).
  class Handle {
   public:
    Handle(PgPool* pool, std::unique_ptr<PgConnection> c) : pool_(pool), conn_(std::move(c)) {}
    Handle(Handle&&) = default;
    ~Handle();
    PgConnection* operator->() { return conn_.get(); }
    PgConnection& operator*() { return *conn_; }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };
  absl::StatusOr<Handle> Acquire();
  // One statement on any pooled connection.
  absl::StatusOr<PgResult> Exec(const std::string& sql, const std::vector<PgParam>& params = {});
  absl::Status Ping();
  const std::string& conninfo() const { return conninfo_; }

 private:
  void Release(std::unique_ptr<PgConnection> c);
  std::string conninfo_;
  int max_idle_;
  absl::Mutex mu_;
  std::vector<std::unique_ptr<PgConnection>> idle_ ABSL_GUARDED_BY(mu_);
};

// Runs `body` inside BEGIN … COMMIT on one connection; ROLLBACK when it fails.
template <typename F>
absl::Status InTransaction(PgConnection& conn, F&& body) {
  auto begin = conn.Exec("BEGIN");
  if (!begin.ok()) return begin.status();
  absl::Status st = body(conn);
  if (!st.ok()) {
    if (!conn.broken()) (void)conn.Exec("ROLLBACK");
    return st;
  }
  auto commit = conn.Exec("COMMIT");
  return commit.ok() ? absl::OkStatus() : commit.status();
}

}  // namespace liandong::record
