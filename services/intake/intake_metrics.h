#pragma once

#include "liandong/v1/common.pb.h"
#include "prometheus/counter.h"
#include "prometheus/registry.h"

namespace liandong::intake {

// liandong_intake_calls_total{side, channel, disposition} (the suggestion) and
// liandong_intake_confirmations_total{disposition, overridden} and
// liandong_intake_orders_total{direction, destination} (orders are written with the decision).
// Labels are enums and destinations only.
class IntakeMetrics {
 public:
  explicit IntakeMetrics(prometheus::Registry& registry);
  void CallReceived(const v1::Case& c);
  void Confirmed(const v1::Case& c);
  void OrderWritten(const v1::WorkOrder& o);

 private:
  prometheus::Family<prometheus::Counter>& calls_;
  prometheus::Family<prometheus::Counter>& confirmations_;
  prometheus::Family<prometheus::Counter>& orders_;
};

}  // namespace liandong::intake
