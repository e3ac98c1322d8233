#pragma once

#include <memory>
#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "rules/rule_index.h"

namespace liandong::rules {

// Holds the table a running service uses. A reload that fails keeps the last good table.
class RuleTableHolder {
 public:
  explicit RuleTableHolder(std::string path) : path_(std::move(path)) {}

  // Loads (or reloads) from the path; on error the current table stays.
  absl::Status Load();
  std::shared_ptr<const RuleIndex> Get() const;
  const std::string& path() const { return path_; }

 private:
  const std::string path_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const RuleIndex> current_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liandong::rules
