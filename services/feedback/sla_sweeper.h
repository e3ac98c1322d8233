#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "store/case_store.h"

namespace liandong::feedback {

// Fires due SLA clocks (reminder at 80 %, supervision at the deadline, escalation five working
// days later) as events on the case. Every replica may run one; a clock fires exactly once
// because firing claims it in the same commit as the event.
class SlaSweeper {
 public:
  // `on_fired` (optional) hears the event type of every clock this replica fires.
  SlaSweeper(store::CaseStore& store, absl::Duration interval,
             std::function<void(const std::string&)> on_fired = {})
      : store_(store), interval_(interval), on_fired_(std::move(on_fired)) {}
  ~SlaSweeper() { Stop(); }

  void Start();
  void Stop();
  // One pass over the clocks due at `now`; returns how many this replica fired.
  absl::StatusOr<int> SweepOnce(absl::Time now);

 private:
  // True when this replica fired it (false: gone, raced, or no longer relevant).
  absl::StatusOr<bool> Fire(const std::string& member, absl::Time now);

  store::CaseStore& store_;
  absl::Duration interval_;
  std::function<void(const std::string&)> on_fired_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace liandong::feedback
