#include "record/pg_client.h"

#include <libpq-fe.h>

#include <cstring>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"

namespace liandong::record {

PgParam Text(std::string v) { return {std::move(v), false}; }

PgResult::~PgResult() {
  if (r_ != nullptr) PQclear(r_);
}

PgResult& PgResult::operator=(PgResult&& o) noexcept {
  if (this != &o) {
    if (r_ != nullptr) PQclear(r_);
    r_ = o.r_;
    o.r_ = nullptr;
  }
  return *this;
}

int PgResult::rows() const { return r_ == nullptr ? 0 : PQntuples(r_); }

std::string PgResult::Get(int row, int col) const {
  return std::string(PQgetvalue(r_, row, col), PQgetlength(r_, row, col));
}

bool PgResult::IsNull(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }

std::string PgResult::GetBytes(int row, int col) const {
  size_t n = 0;
  unsigned char* bytes =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(r_, row, col)), &n);
  if (bytes == nullptr) return "";
  std::string out(reinterpret_cast<char*>(bytes), n);
  PQfreemem(bytes);
  return out;
}

long long PgResult::affected() const {
  const char* n = PQcmdTuples(r_);
  return (n == nullptr || *n == '\0') ? 0 : std::atoll(n);
}

absl::StatusOr<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& conninfo) {
  PGconn* c = PQconnectdb(conninfo.c_str());
  if (c == nullptr) return absl::UnavailableError("postgres: out of memory");
  if (PQstatus(c) != CONNECTION_OK) {
    std::string message = PQerrorMessage(c);
    PQfinish(c);
    return absl::UnavailableError(
        absl::StrCat("postgres: ", absl::StripTrailingAsciiWhitespace(message)));
  }
  return std::unique_ptr<PgConnection>(new PgConnection(c));
}

PgConnection::~PgConnection() { PQfinish(conn_); }

bool PgConnection::broken() const { return PQstatus(conn_) != CONNECTION_OK; }

absl::Status PgConnection::Check(PGresult* r) {
  const ExecStatusType st = r == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return absl::OkStatus();
  std::string message = r != nullptr ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
  message = std::string(absl::StripTrailingAsciiWhitespace(message));
  const char* state = r != nullptr ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  // Class 08 (connection), 57P (shutdown, cannot connect now) and a dead socket are worth a
  // retry; anything else is a bug or bad data.
  const bool retryable = broken() || state == nullptr || absl::StartsWith(state, "08") ||
                         absl::StartsWith(state, "57P") || absl::StartsWith(state, "40");
  if (r != nullptr && retryable) PQclear(r);
  if (retryable) return absl::UnavailableError(absl::StrCat("postgres: ", message));
  if (r != nullptr) PQclear(r);
  return absl::InternalError(absl::StrCat("postgres: ", message));
}

absl::StatusOr<PgResult> PgConnection::Exec(const std::string& sql,
                                            const std::vector<PgParam>& params) {
  std::vector<const char*> values;
  std::vector<int> lengths, formats;
  for (const auto& p : params) {
    values.push_back(p.value ? p.value->data() : nullptr);
    lengths.push_back(p.value ? static_cast<int>(p.value->size()) : 0);
    formats.push_back(p.binary ? 1 : 0);
  }
  PGresult* r = PQexecParams(conn_, sql.c_str(), static_cast<int>(params.size()), nullptr,
                             values.data(), lengths.data(), formats.data(), 0);
  const ExecStatusType st = r == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) return PgResult(r);
  return Check(r);
}

absl::Status PgConnection::ExecScript(const std::string& sql) {
  PGresult* r = PQexec(conn_, sql.c_str());
  const ExecStatusType st = r == nullptr ? PGRES_FATAL_ERROR : PQresultStatus(r);
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) {
    PQclear(r);
    return absl::OkStatus();
  }
  return Check(r);
}

PgPool::Handle::~Handle() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_));
}

absl::StatusOr<PgPool::Handle> PgPool::Acquire() {
  {
    absl::MutexLock lock(&mu_);
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Handle(this, std::move(c));
    }
  }
  auto opened = PgConnection::Open(conninfo_);
  if (!opened.ok()) return opened.status();
  return Handle(this, *std::move(opened));
}

void PgPool::Release(std::unique_ptr<PgConnection> c) {
  if (c->broken()) return;
  absl::MutexLock lock(&mu_);
  if (static_cast<int>(idle_.size()) < max_idle_) idle_.push_back(std::move(c));
}

absl::StatusOr<PgResult> PgPool::Exec(const std::string& sql, const std::vector<PgParam>& params) {
  auto conn = Acquire();
  if (!conn.ok()) return conn.status();
  return (*conn)->Exec(sql, params);
}

absl::Status PgPool::Ping() {
  auto r = Exec("SELECT 1");
  return r.ok() ? absl::OkStatus() : r.status();
}

}  // namespace liandong::record
