// Linking a call to an open case about the same matter (policy: one order per matter).
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "intake.h"
#include "triage_decision.h"
#include "workflow/case_events.h"
#include "workflow/request_once.h"
#include "workflow/transitions.h"

namespace liandong::intake {

absl::StatusOr<v1::Case> Intake::LinkDuplicate(const v1::ConfirmTriageRequest& req,
                                               const workflow::RequestIdentity& id,
                                               const v1::Triage& decision,
                                               const v1::Case& original) {
  auto rules = rules_.Get();
  LD_ASSIGN_OR_RETURN(const v1::Case call, store_.Get(req.case_id()));
  // First the original learns of the caller (idempotent), so a crash before the second step
  // leaves a link to a still-open call, which a retry completes — never a lost caller.
  LD_RETURN_IF_ERROR(store_
                         .Update(original.case_id(),
                                 [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
                                   for (const auto& l : c.linked()) {
                                     if (l.case_id() == call.case_id()) return absl::OkStatus();
                                   }
                                   auto* link = c.add_linked();
                                   link->set_case_id(call.case_id());
                                   link->set_side_received(call.side_received());
                                   *link->mutable_at() = ToProto(absl::Now());
                                   workflow::RecordEvent(c, m, store_.keys(), "linked",
                                                         req.operator_id(), nullptr,
                                                         absl::StrCat("call ", call.case_id(),
                                                                      " about the same matter"),
                                                         absl::Now());
                                   return absl::OkStatus();
                                 })
                         .status());
  return workflow::UpdateOnce(
      store_, id, req.case_id(), [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
        LD_RETURN_IF_ERROR(workflow::CheckExpectedVersion(c, req.expected_version()));
        LD_RETURN_IF_ERROR(workflow::CheckCaseTransition(c.case_id(), c.status(), v1::CASE_CLOSED));
        const absl::Time now = absl::Now();
        c.set_overridden(!req.accept_suggestion());
        c.set_override_reason(req.reason());
        *c.mutable_confirmed() = decision;
        c.set_owner_side(OwnerSide(c, decision.disposition(), *rules));
        c.set_status(v1::CASE_CLOSED);
        c.set_close_reason(v1::CLOSED_DUPLICATE);
        c.set_duplicate_of(original.case_id());
        const std::string detail = absl::StrCat("same matter as open case ", original.case_id(),
                                                "; the caller hears its outcome");
        workflow::RecordEvent(c, m, store_.keys(),
                              req.accept_suggestion() ? "confirmed" : "overridden",
                              req.operator_id(), nullptr, decision.item(), now);
        workflow::RecordEvent(c, m, store_.keys(), "closed", req.operator_id(), nullptr,
                              absl::StrCat("CLOSED_DUPLICATE: ", detail), now);
        workflow::RecordOutcome(c, m, store_.keys(), "linked", req.operator_id(), nullptr, detail,
                                now);
        return absl::OkStatus();
      });
}

}  // namespace liandong::intake
