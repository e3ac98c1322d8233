#include "workflow/dispatch_orders.h"

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "workflow/case_events.h"
#include "workflow/order_planner.h"
#include "workflow/sla_clocks.h"
#include "workflow/transitions.h"

namespace liandong::workflow {
store::Fields OrderStreamFields(const v1::WorkOrder& o) {
  return {{"order_id", o.order_id()},
          {"case_id", o.case_id()},
          {"kind", v1::OrderKind_Name(o.kind())},
          {"priority", v1::Priority_Name(o.priority())},
          {"item", o.item()},
          {"sla_tier", o.sla_tier()},
          {"sign_due_ms", absl::StrCat(absl::ToUnixMillis(FromProto(o.sign_due())))},
          {"order", o.SerializeAsString()}};
}

absl::Status DispatchConfirmed(v1::Case& c, store::CaseMutation& m, const OrderContext& ctx,
                               absl::Time now) {
  LD_ASSIGN_OR_RETURN(auto orders, PlanOrders(c, ctx.rules, ctx.calendar, ctx.zone, now));
  LD_RETURN_IF_ERROR(CheckCaseTransition(c.case_id(), c.status(), v1::CASE_DISPATCHED));
  c.set_status(v1::CASE_DISPATCHED);
  for (auto& o : orders) {
    const std::string stream = ctx.keys.WorkOrders(o.destination());
    LD_RETURN_IF_ERROR(ctx.groups.Ensure(stream));
    m.appends.push_back({stream, OrderStreamFields(o), o.order_id()});
    ScheduleClocks(o, ctx.calendar, ctx.zone, ctx.keys, m);
    v1::WorkOrder* added = c.add_orders();
    *added = std::move(o);
    RecordEvent(
        c, m, ctx.keys, "dispatched", "dispatch", added,
        absl::StrCat(v1::OrderKind_Name(added->kind()), " → ",
                     ctx.rules.DestinationName(added->destination()), " (", added->sla_tier(), ")"),
        now);
  }
  return absl::OkStatus();
}

}  // namespace liandong::workflow
