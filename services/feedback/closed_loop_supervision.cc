// The supervisor's and handler's deadline decisions: one extension, and reopening (重办).
#include "absl/strings/str_cat.h"
#include "closed_loop.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/text_limits.h"
#include "common/time_util.h"
#include "rules/sla.h"
#include "workflow/case_events.h"
#include "workflow/orders.h"
#include "workflow/request_once.h"
#include "workflow/sla_clocks.h"
#include "workflow/transitions.h"

namespace liandong::feedback {

absl::StatusOr<const v1::SlaTier*> ClosedLoop::TierOf(const v1::WorkOrder& order) const {
  auto rules = rules_.Get();
  const v1::SlaTier* tier = rules ? rules->FindTier(order.sla_tier()) : nullptr;
  if (tier == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat("order ", order.order_id(), ": SLA tier '",
                                                      order.sla_tier(),
                                                      "' is not in the loaded rule table"));
  }
  return tier;
}

absl::StatusOr<v1::WorkOrder> ClosedLoop::RequestExtension(const v1::RequestExtensionRequest& req) {
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CaseIdOfOrder(req.order_id()));
  LD_RETURN_IF_ERROR(ValidateShortField("handler", req.handler(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("reason", req.reason(), 1024, true));
  const auto id = workflow::IdentifyRequest(store_.keys(), "extend", req, req.request_id());
  auto updated = workflow::UpdateOnce(
      store_, id, case_id, [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
        LD_ASSIGN_OR_RETURN(v1::WorkOrder * o, workflow::FindOrder(c, req.order_id()));
        LD_RETURN_IF_ERROR(workflow::CheckDestination(*o, req.destination()));
        LD_ASSIGN_OR_RETURN(const v1::SlaTier* tier, TierOf(*o));
        if (!tier->has_extended_resolve()) {
          return absl::FailedPreconditionError(
              absl::StrCat("order ", o->order_id(), ": tier ", tier->id(), " allows no extension"));
        }
        if (o->extended()) {
          return absl::FailedPreconditionError(
              absl::StrCat("order ", o->order_id(), " was already extended once"));
        }
        if (o->status() != v1::ORDER_SIGNED && o->status() != v1::ORDER_IN_PROGRESS) {
          return absl::FailedPreconditionError(absl::StrCat("order ", o->order_id(), " is ",
                                                            OrderStatusLabel(o->status()),
                                                            "; only work in hand is extended"));
        }
        const absl::Time now = absl::Now();
        workflow::CancelResolveClocks(o->order_id(), store_.keys(), m);
        *o->mutable_resolve_due() = ToProto(
            rules::AddSpan(FromProto(o->created_at()), tier->extended_resolve(), zone_, calendar_));
        o->set_extended(true);
        workflow::ScheduleResolveClocks(*o, FromProto(o->created_at()), calendar_, zone_,
                                        store_.keys(), m);
        workflow::RecordEvent(
            c, m, store_.keys(), "extended", absl::StrCat(req.destination(), "/", req.handler()), o,
            absl::StrCat("resolve by ", FormatLocal(o->resolve_due()), ": ", req.reason()), now);
        return absl::OkStatus();
      });
  if (!updated.ok()) return updated.status();
  return workflow::OrderIn(*updated, req.order_id());
}

absl::StatusOr<v1::Case> ClosedLoop::Reopen(const v1::ReopenRequest& req) {
  if (req.case_id().empty()) return absl::InvalidArgumentError("case_id: required");
  LD_RETURN_IF_ERROR(ValidateShortField("supervisor_id", req.supervisor_id(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("reason", req.reason(), 1024, true));
  const auto id = workflow::IdentifyRequest(store_.keys(), "reopen", req, req.request_id());
  return workflow::UpdateOnce(
      store_, id, req.case_id(), [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
        LD_RETURN_IF_ERROR(workflow::CheckExpectedVersion(c, req.expected_version()));
        LD_RETURN_IF_ERROR(
            workflow::CheckCaseTransition(c.case_id(), c.status(), v1::CASE_IN_PROGRESS));
        const absl::Time now = absl::Now();
        int reopened = 0;
        for (auto& o : *c.mutable_orders()) {
          if (o.status() != v1::ORDER_RESOLVED) continue;
          LD_ASSIGN_OR_RETURN(const v1::SlaTier* tier, TierOf(o));
          // 重办 restarts the order's resolve clock from now.
          workflow::CancelResolveClocks(o.order_id(), store_.keys(), m);
          o.set_status(v1::ORDER_IN_PROGRESS);
          *o.mutable_resolve_due() =
              ToProto(rules::AddSpan(now, tier->resolve(), zone_, calendar_));
          workflow::ScheduleResolveClocks(o, now, calendar_, zone_, store_.keys(), m);
          workflow::RecordEvent(c, m, store_.keys(), "reopened", req.supervisor_id(), &o,
                                req.reason(), now);
          workflow::RecordOutcome(c, m, store_.keys(), "reopened", req.supervisor_id(), &o,
                                  req.reason(), now);
          ++reopened;
        }
        if (reopened == 0) {
          return absl::FailedPreconditionError(
              absl::StrCat("case ", c.case_id(), " has no resolved order to reopen"));
        }
        c.set_status(v1::CASE_IN_PROGRESS);
        c.set_reopen_count(c.reopen_count() + 1);
        c.clear_callback();
        return absl::OkStatus();
      });
}

}  // namespace liandong::feedback
