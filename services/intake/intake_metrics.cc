#include "intake_metrics.h"

#include "absl/strings/str_cat.h"
#include "common/enums.h"

namespace liandong::intake {

IntakeMetrics::IntakeMetrics(prometheus::Registry& registry)
    : calls_(prometheus::BuildCounter()
                 .Name("liandong_intake_calls_total")
                 .Help("Calls received, by side, channel and suggested disposition")
                 .Register(registry)),
      confirmations_(prometheus::BuildCounter()
                         .Name("liandong_intake_confirmations_total")
                         .Help("Triage decisions by operators, by disposition and override")
                         .Register(registry)),
      orders_(prometheus::BuildCounter()
                  .Name("liandong_intake_orders_total")
                  .Help("Work orders written with a decision, by direction (from side → to side) "
                        "and destination")
                  .Register(registry)) {}

void IntakeMetrics::CallReceived(const v1::Case& c) {
  calls_
      .Add({{"side", SideLabel(c.side_received())},
            {"channel", ChannelLabel(c.channel())},
            {"disposition", DispositionLabel(c.suggested().disposition())}})
      .Increment();
}

void IntakeMetrics::Confirmed(const v1::Case& c) {
  confirmations_
      .Add({{"disposition", DispositionLabel(c.confirmed().disposition())},
            {"overridden", c.overridden() ? "true" : "false"}})
      .Increment();
}

void IntakeMetrics::OrderWritten(const v1::WorkOrder& o) {
  orders_
      .Add({{"direction", absl::StrCat(SideLabel(o.from_side()), "→", SideLabel(o.to_side()))},
            {"destination", o.destination()}})
      .Increment();
}

}  // namespace liandong::intake
