#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "record/pg_client.h"

namespace liandong::record {

// Applies the versioned SQL files of `dir` (NNNN_name.sql, in name order) that the database has
// not seen yet, each in its own transaction, and records them in schema_migrations. Replicas
// starting together serialise on an advisory lock, so each file runs once. Returns the files
// applied now.
absl::StatusOr<std::vector<std::string>> ApplyMigrations(PgPool& pool, const std::string& dir);

}  // namespace liandong::record
