#include "record/migrations.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace liandong::record {
namespace {

constexpr char kLockId[] = "7312045";  // any constant; names the migration lock

absl::StatusOr<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError(absl::StrCat("migrations: cannot read ", path.string()));
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

absl::StatusOr<std::vector<std::string>> ApplyMigrations(PgPool& pool, const std::string& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".sql") files.push_back(e.path());
  }
  if (ec) return absl::NotFoundError(absl::StrCat("--migrations: ", dir, ": ", ec.message()));
  if (files.empty()) return absl::NotFoundError(absl::StrCat("--migrations: no .sql in ", dir));
  std::sort(files.begin(), files.end());

  LD_ASSIGN_OR_RETURN(auto conn, pool.Acquire());
  LD_ASSIGN_OR_RETURN(auto created, conn->Exec("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                               "version text PRIMARY KEY, "
                                               "applied_at timestamptz NOT NULL DEFAULT now())"));
  (void)created;
  std::vector<std::string> applied;
  for (const auto& f : files) {
    const std::string version = f.filename().string();
    LD_ASSIGN_OR_RETURN(const std::string sql, ReadFile(f));
    LD_RETURN_IF_ERROR(InTransaction(*conn, [&](PgConnection& c) -> absl::Status {
      LD_ASSIGN_OR_RETURN(auto lock,
                          c.Exec(absl::StrCat("SELECT pg_advisory_xact_lock(", kLockId, ")")));
      (void)lock;
      LD_ASSIGN_OR_RETURN(
          auto seen, c.Exec("SELECT 1 FROM schema_migrations WHERE version = $1", {Text(version)}));
      if (seen.rows() > 0) return absl::OkStatus();
      absl::Status run = c.ExecScript(sql);
      if (!run.ok()) {
        return absl::Status(run.code(), absl::StrCat("migration ", version, ": ", run.message()));
      }
      LD_ASSIGN_OR_RETURN(auto done, c.Exec("INSERT INTO schema_migrations (version) VALUES ($1)",
                                            {Text(version)}));
      (void)done;
      applied.push_back(version);
      return absl::OkStatus();
    }));
  }
  return applied;
}

}  // namespace liandong::record
