#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
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

  // Reloads whenever the file changes (polled every `interval`), so an edited table or an
  // updated ConfigMap takes effect without a restart. A bad table is refused with its problems
  // logged, and the running table stays. `on_change` (optional) hears every new table.
  void WatchFile(absl::Duration interval,
                 std::function<void(std::shared_ptr<const RuleIndex>)> on_change = {});
  void StopWatching();
  ~RuleTableHolder() { StopWatching(); }

 private:
  const std::string path_;
  mutable absl::Mutex mu_;
  std::shared_ptr<const RuleIndex> current_ ABSL_GUARDED_BY(mu_);
  std::atomic<bool> stop_watching_{false};
  std::thread watcher_;
};

}  // namespace liandong::rules
