#include "closed_loop.h"

#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/text_limits.h"
#include "common/time_util.h"
#include "workflow/case_events.h"
#include "workflow/orders.h"
#include "workflow/place_key.h"
#include "workflow/request_once.h"
#include "workflow/sla_clocks.h"
#include "workflow/transitions.h"

namespace liandong::feedback {
namespace {

std::string Actor(const std::string& destination, const std::string& person) {
  return absl::StrCat(destination, "/", person);
}

bool AnyOrderOpen(const v1::Case& c) {
  for (const auto& o : c.orders()) {
    if (workflow::IsOrderOpen(o.status())) return true;
  }
  return false;
}

}  // namespace

const char* SatisfactionLabel(int level) {
  static const char* kLabels[] = {"-", "非常不满意", "不满意", "一般", "满意", "非常满意"};
  return level >= 1 && level <= 5 ? kLabels[level] : kLabels[0];
}

absl::StatusOr<v1::WorkOrder> ClosedLoop::ReportProgress(const v1::ReportProgressRequest& req) {
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CaseIdOfOrder(req.order_id()));
  LD_RETURN_IF_ERROR(ValidateShortField("handler", req.handler(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("note", req.note(), 2048, true));
  const auto id = workflow::IdentifyRequest(store_.keys(), "progress", req, req.request_id());
  LD_ASSIGN_OR_RETURN(
      const v1::Case updated,
      workflow::UpdateOnce(
          store_, id, case_id, [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
            LD_ASSIGN_OR_RETURN(v1::WorkOrder * o, workflow::FindOrder(c, req.order_id()));
            LD_RETURN_IF_ERROR(workflow::CheckDestination(*o, req.destination()));
            LD_RETURN_IF_ERROR(
                workflow::CheckOrderTransition(o->order_id(), o->status(), v1::ORDER_IN_PROGRESS));
            o->set_status(v1::ORDER_IN_PROGRESS);
            o->set_handler(req.handler());
            workflow::RecordEvent(c, m, store_.keys(), "progress",
                                  Actor(req.destination(), req.handler()), o, req.note(),
                                  absl::Now());
            return absl::OkStatus();
          }));
  return workflow::OrderIn(updated, req.order_id());
}

absl::StatusOr<v1::WorkOrder> ClosedLoop::Resolve(const v1::ResolveRequest& req) {
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CaseIdOfOrder(req.order_id()));
  LD_RETURN_IF_ERROR(ValidateShortField("handler", req.handler(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("result", req.result(), 4096, true));
  const auto id = workflow::IdentifyRequest(store_.keys(), "resolve", req, req.request_id());
  LD_ASSIGN_OR_RETURN(
      const v1::Case updated,
      workflow::UpdateOnce(
          store_, id, case_id, [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
            LD_ASSIGN_OR_RETURN(v1::WorkOrder * o, workflow::FindOrder(c, req.order_id()));
            LD_RETURN_IF_ERROR(workflow::CheckDestination(*o, req.destination()));
            LD_RETURN_IF_ERROR(
                workflow::CheckOrderTransition(o->order_id(), o->status(), v1::ORDER_RESOLVED));
            const absl::Time now = absl::Now();
            workflow::CancelResolveClocks(o->order_id(), store_.keys(), m);
            o->set_status(v1::ORDER_RESOLVED);
            o->set_handler(req.handler());
            o->set_result(req.result());
            *o->mutable_resolved_at() = ToProto(now);
            // The case is resolved once nothing is owed; a returned case waits for its
            // re-route.
            if (!AnyOrderOpen(c) && c.status() == v1::CASE_IN_PROGRESS) {
              c.set_status(v1::CASE_RESOLVED);
            }
            const std::string actor = Actor(req.destination(), req.handler());
            workflow::RecordEvent(c, m, store_.keys(), "resolved", actor, o, req.result(), now);
            workflow::RecordOutcome(c, m, store_.keys(), "resolved", actor, o, req.result(), now);
            return absl::OkStatus();
          }));
  return workflow::OrderIn(updated, req.order_id());
}

absl::StatusOr<v1::Case> ClosedLoop::RecordCallback(const v1::RecordCallbackRequest& req) {
  if (req.case_id().empty()) return absl::InvalidArgumentError("case_id: required");
  LD_RETURN_IF_ERROR(ValidateShortField("operator_id", req.operator_id(), 64, true));
  if (req.satisfaction() < 1 || req.satisfaction() > 5) {
    return absl::InvalidArgumentError(absl::StrCat("satisfaction: ", req.satisfaction(),
                                                   " is not 1 (非常不满意) … 5 (非常满意)"));
  }
  if (req.method() != "phone" && req.method() != "sms" && req.method() != "web") {
    return absl::InvalidArgumentError(
        absl::StrCat("method: '", req.method(), "' is not phone, sms or web"));
  }
  LD_RETURN_IF_ERROR(ValidateShortField("note", req.note(), 2048, false));
  const auto id = workflow::IdentifyRequest(store_.keys(), "callback", req, req.request_id());
  return workflow::UpdateOnce(
      store_, id, req.case_id(), [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
        LD_RETURN_IF_ERROR(
            workflow::CheckCaseTransition(c.case_id(), c.status(), v1::CASE_CALLED_BACK));
        const absl::Time now = absl::Now();
        auto* cb = c.mutable_callback();
        cb->set_satisfaction(req.satisfaction());
        cb->set_method(req.method());
        cb->set_note(req.note());
        cb->set_operator_id(req.operator_id());
        *cb->mutable_at() = ToProto(now);
        c.set_status(v1::CASE_CALLED_BACK);
        workflow::RecordEvent(
            c, m, store_.keys(), "callback", req.operator_id(), nullptr,
            absl::StrCat(req.satisfaction(), " ", SatisfactionLabel(req.satisfaction()), " via ",
                         req.method()),
            now, {{"satisfaction", absl::StrCat(req.satisfaction())}});
        return absl::OkStatus();
      });
}

absl::Status ClosedLoop::LinkCaller(const std::string& original_id, const std::string& case_id,
                                    const std::string& actor) {
  LD_ASSIGN_OR_RETURN(const v1::Case call, store_.Get(case_id));
  // Idempotent, and done before the merged case closes: a crash between the two leaves a
  // link to a still-open case, which a retry completes; never a lost caller.
  return store_
      .Update(original_id,
              [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
                for (const auto& l : c.linked()) {
                  if (l.case_id() == case_id) return absl::OkStatus();
                }
                auto* link = c.add_linked();
                link->set_case_id(case_id);
                link->set_side_received(call.side_received());
                *link->mutable_at() = ToProto(absl::Now());
                workflow::RecordEvent(c, m, store_.keys(), "linked", actor, nullptr,
                                      absl::StrCat("case ", case_id, " merged into this one"),
                                      absl::Now());
                return absl::OkStatus();
              })
      .status();
}

absl::StatusOr<v1::Case> ClosedLoop::CloseCase(const v1::CloseCaseRequest& req) {
  if (req.case_id().empty()) return absl::InvalidArgumentError("case_id: required");
  LD_RETURN_IF_ERROR(ValidateShortField("operator_id", req.operator_id(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("note", req.note(), 2048, false));
  LD_RETURN_IF_ERROR(ValidateShortField("closed_to", req.closed_to(), 256, false));
  const v1::CloseReason reason =
      req.reason() == v1::CLOSE_REASON_UNSPECIFIED ? v1::CLOSED_RESOLVED : req.reason();
  std::string detail = req.note();
  switch (reason) {
    case v1::CLOSED_RESOLVED:
      if (detail.empty()) detail = "办结";
      break;
    case v1::CLOSED_NOT_RESPONSIBLE:
      if (req.closed_to().empty()) {
        return absl::InvalidArgumentError("closed_to: required: where did the matter go?");
      }
      detail = absl::StrCat("not responsible, went to ", req.closed_to(),
                            req.note().empty() ? "" : ": " + req.note());
      break;
    case v1::CLOSED_DUPLICATE: {
      if (req.duplicate_of().empty() || req.duplicate_of() == req.case_id()) {
        return absl::InvalidArgumentError(
            "duplicate_of: required: the case that carries the matter");
      }
      auto original = store_.Get(req.duplicate_of());
      if (!original.ok()) {
        return absl::NotFoundError(
            absl::StrCat("duplicate_of: no case '", req.duplicate_of(), "'"));
      }
      if (original->status() == v1::CASE_CLOSED) {
        return absl::FailedPreconditionError(absl::StrCat("duplicate_of: case ", req.duplicate_of(),
                                                          " is closed; merge into an open case"));
      }
      detail = absl::StrCat("merged into ", req.duplicate_of());
      LD_RETURN_IF_ERROR(LinkCaller(req.duplicate_of(), req.case_id(), req.operator_id()));
      break;
    }
    case v1::CLOSED_CANCELLED:
      if (req.note().empty())
        return absl::InvalidArgumentError("note: required: why it is cancelled");
      detail = absl::StrCat("cancelled: ", req.note());
      break;
    default:
      return absl::InvalidArgumentError(absl::StrCat("reason: ", v1::CloseReason_Name(reason),
                                                     " is set by the desk, not by CloseCase"));
  }
  const auto id = workflow::IdentifyRequest(store_.keys(), "close", req, req.request_id());
  return workflow::UpdateOnce(
      store_, id, req.case_id(), [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
        LD_RETURN_IF_ERROR(workflow::CheckExpectedVersion(c, req.expected_version()));
        LD_RETURN_IF_ERROR(workflow::CheckCaseTransition(c.case_id(), c.status(), v1::CASE_CLOSED));
        // Nothing closes with work still owed: every order must be finished first. Only a
        // supervisor's cancellation (with its reason) ends orders that are not.
        for (auto& o : *c.mutable_orders()) {
          if (!workflow::IsOrderOpen(o.status()) && o.status() != v1::ORDER_DEAD_LETTERED) continue;
          if (reason != v1::CLOSED_CANCELLED && reason != v1::CLOSED_DUPLICATE) {
            return absl::FailedPreconditionError(
                absl::StrCat("case ", c.case_id(), " still has order ", o.order_id(), " ",
                             OrderStatusLabel(o.status()), " at ", o.destination(),
                             "; it closes once every order is resolved or returned, or a "
                             "supervisor cancels it"));
          }
          workflow::CancelOrder(o, detail, store_.keys(), m);
        }
        if (reason == v1::CLOSED_RESOLVED && c.status() != v1::CASE_CALLED_BACK) {
          return absl::FailedPreconditionError(
              absl::StrCat("case ", c.case_id(), " is ", CaseStatusLabel(c.status()),
                           "; it closes as resolved only after the callback"));
        }
        const absl::Time now = absl::Now();
        for (auto& o : *c.mutable_orders()) {
          if (o.status() == v1::ORDER_RESOLVED) o.set_status(v1::ORDER_CLOSED);
        }
        c.set_status(v1::CASE_CLOSED);
        c.set_close_reason(reason);
        c.set_closed_to(req.closed_to());
        if (reason == v1::CLOSED_DUPLICATE) c.set_duplicate_of(req.duplicate_of());
        if (auto open = workflow::OpenMatterKey(store_.keys(), c)) {
          m.sorted_sets.push_back({*open, store::SortedSetChange::Kind::kRemove, 0, c.case_id()});
        }
        workflow::RecordEvent(c, m, store_.keys(), "closed", req.operator_id(), nullptr,
                              absl::StrCat(v1::CloseReason_Name(reason), ": ", detail), now);
        workflow::RecordOutcome(c, m, store_.keys(), "closed", req.operator_id(), nullptr, detail,
                                now);
        return absl::OkStatus();
      });
}

}  // namespace liandong::feedback
