#pragma once

namespace liandong::store {

// Lua that applies one change of a case atomically; see commit_script.cc for its arguments.
extern const char kCommitCaseScript[];

}  // namespace liandong::store
