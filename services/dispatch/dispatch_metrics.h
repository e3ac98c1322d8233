#pragma once

#include <atomic>
#include <map>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "liandong/v1/common.pb.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"
#include "rules/rule_table_holder.h"
#include "store/case_store.h"

namespace liandong::dispatch {

// Orders by direction and destination, sign-for latency, and — polled from Redis — each
// destination's backlog (pending = delivered but unsigned, lag = not yet delivered), unsigned
// orders past their sign-for deadline, and dead-letter queue length.
class DispatchMetrics {
 public:
  DispatchMetrics(prometheus::Registry& registry, store::CaseStore& store,
                  rules::RuleTableHolder& rules, absl::Duration poll_interval);
  ~DispatchMetrics() { Stop(); }

  void OrderDispatched(const v1::WorkOrder& o);
  void OrderSigned(const v1::WorkOrder& o);
  void Start();
  void Stop();
  void PollOnce();

 private:
  // Unsigned orders past their sign-for deadline, by destination (bounded scan).
  std::map<std::string, int64_t> OverdueUnsigned(absl::Time now);

  store::CaseStore& store_;
  rules::RuleTableHolder& rules_;
  absl::Duration poll_interval_;
  prometheus::Family<prometheus::Counter>& orders_;
  prometheus::Family<prometheus::Histogram>& sign_latency_;
  prometheus::Family<prometheus::Gauge>& pending_;
  prometheus::Family<prometheus::Gauge>& lag_;
  prometheus::Family<prometheus::Gauge>& overdue_;
  prometheus::Family<prometheus::Gauge>& dlq_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace liandong::dispatch
