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
//
// Deadlines are compared with Redis's clock (TIME), the one clock every replica shares, and a
// replica whose own clock is more than `max_skew` away from it fires nothing at all: a fast
// clock must never supervise anyone early.
class SlaSweeper {
 public:
  struct Observers {
    std::function<void(const std::string&)> on_fired;  // event type of each clock fired here
    std::function<void(double skew_seconds, bool refused)> on_skew;  // after each clock check
    std::function<absl::Time()> local_clock;  // this replica's own clock (default absl::Now)
  };
  SlaSweeper(store::CaseStore& store, absl::Duration interval, absl::Duration max_skew,
             Observers observers = {})
      : store_(store), interval_(interval), max_skew_(max_skew), observers_(std::move(observers)) {}
  ~SlaSweeper() { Stop(); }

  void Start();
  void Stop();
  // One pass over the clocks due at `now`; returns how many this replica fired.
  absl::StatusOr<int> SweepOnce(absl::Time now);
  // Redis's time, or FAILED_PRECONDITION when this replica's clock is too far from it.
  absl::StatusOr<absl::Time> SharedNow();

 private:
  // True when this replica fired it (false: gone, raced, or no longer relevant).
  absl::StatusOr<bool> Fire(const std::string& member, absl::Time now);

  store::CaseStore& store_;
  absl::Duration interval_;
  absl::Duration max_skew_;
  Observers observers_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace liandong::feedback
