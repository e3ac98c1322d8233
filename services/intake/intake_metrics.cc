#include "intake_metrics.h"

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

}  // namespace liandong::intake
