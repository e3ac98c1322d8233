#include "intake.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "call_validation.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/text_limits.h"
#include "common/time_util.h"
#include "duplicate_finder.h"
#include "triage_decision.h"
#include "workflow/case_events.h"
#include "workflow/dispatch_orders.h"
#include "workflow/place_key.h"
#include "workflow/transitions.h"

namespace liandong::intake {
namespace {

constexpr char kService[] = "intake";

}  // namespace

v1::Triage Intake::Suggest(const v1::SubmitCallRequest& req) {
  auto suggestion = triage_.Classify(req.side(), req.channel(), req.text());
  if (suggestion.ok()) return *std::move(suggestion);
  v1::Triage empty;
  empty.set_needs_review(true);
  empty.set_reason(absl::StrCat("classification unavailable (", suggestion.status().message(),
                                "); the operator decides"));
  if (auto rules = rules_.Get()) empty.set_rules_version(rules->version());
  return empty;
}

absl::StatusOr<v1::Case> Intake::ReplayedSubmit(const std::string& stored,
                                                const workflow::RequestIdentity& id) {
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CheckReplay(stored, id));
  return store_.Get(case_id);
}

absl::StatusOr<v1::Case> Intake::SubmitCall(const v1::SubmitCallRequest& req) {
  LD_RETURN_IF_ERROR(ValidateSubmitCall(req));
  const auto id = workflow::IdentifyRequest(store_.keys(), "submit", req, req.request_id());
  LD_ASSIGN_OR_RETURN(auto stored, store_.LookupIdempotency(id.key));
  if (stored) return ReplayedSubmit(*stored, id);

  const absl::Time now = absl::Now();
  v1::Case c;
  LD_ASSIGN_OR_RETURN(*c.mutable_case_id(), store_.NewCaseId(now));
  c.set_side_received(req.side());
  c.set_channel(req.channel());
  *c.mutable_caller() = req.caller();
  *c.mutable_location() = req.location();
  c.set_text(req.text());
  *c.mutable_received_at() = ToProto(now);
  c.set_received_by(req.operator_id());
  c.set_owner_side(req.side());  // first-contact responsibility until a decision
  *c.mutable_suggested() = Suggest(req);

  store::CaseMutation m;
  const std::string actor = req.operator_id().empty() ? kService : req.operator_id();
  c.set_status(v1::CASE_TRIAGED);
  workflow::RecordEvent(c, m, store_.keys(), "received", actor, nullptr,
                        absl::StrCat(SideLabel(req.side()), " / ", ChannelLabel(req.channel())),
                        now);
  const v1::Triage& s = c.suggested();
  workflow::RecordEvent(c, m, store_.keys(), "triaged", "classification", nullptr,
                        absl::StrCat("suggested ", DispositionLabel(s.disposition()),
                                     s.item().empty() ? "" : absl::StrCat(" ", s.item()),
                                     absl::StrFormat(" (confidence %.2f%s)", s.confidence(),
                                                     s.needs_review() ? ", needs review" : "")),
                        now);
  m.idempotency =
      store::IdempotencyClaim{id.key, id.ttl_seconds, workflow::ClaimValue(c.case_id(), id)};
  std::string owner;
  absl::Status created = store_.Create(c, m, &owner);
  if (absl::IsAlreadyExists(created) && !owner.empty()) return ReplayedSubmit(owner, id);
  LD_RETURN_IF_ERROR(created);
  return c;
}

absl::StatusOr<v1::Case> Intake::ConfirmTriage(const v1::ConfirmTriageRequest& req) {
  if (req.case_id().empty()) return absl::InvalidArgumentError("case_id: required");
  LD_RETURN_IF_ERROR(ValidateShortField("operator_id", req.operator_id(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("request_id", req.request_id(), 128, false));
  if (req.expected_version() < 0) {
    return absl::InvalidArgumentError("expected_version: must not be negative");
  }
  const auto id = workflow::IdentifyRequest(store_.keys(), "confirm", req, req.request_id());
  auto rules = rules_.Get();
  if (rules == nullptr) return absl::UnavailableError("intake: no rule table loaded");

  // A first confirmation as a transfer may be the same matter as an open case: link it.
  LD_ASSIGN_OR_RETURN(auto stored, store_.LookupIdempotency(id.key));
  if (stored) {  // a retry: the first answer, as the case is now
    LD_ASSIGN_OR_RETURN(const std::string owner, workflow::CheckReplay(*stored, id));
    if (owner != req.case_id()) {
      return absl::AlreadyExistsError(absl::StrCat(id.shown, " was already used for case ", owner));
    }
    return store_.Get(owner);
  }
  LD_ASSIGN_OR_RETURN(const v1::Case current, store_.Get(req.case_id()));
  {
    LD_RETURN_IF_ERROR(workflow::CheckExpectedVersion(current, req.expected_version()));
    if (current.status() == v1::CASE_TRIAGED) {
      auto decision = DecideTriage(current, req, *rules);
      if (decision.ok()) {
        const absl::Duration window = decision->disposition() == v1::EMERGENCY_110
                                          ? emergency_link_window_
                                          : duplicate_window_;
        LD_ASSIGN_OR_RETURN(auto original, FindOpenDuplicate(store_, current, *decision, window));
        if (original) return LinkDuplicate(req, id, *decision, *original);
      }
    }
  }
  std::vector<v1::WorkOrder> written;
  bool committed_here = false;  // false when the answer is a replay of an earlier attempt
  auto decided = workflow::UpdateOnce(
      store_, id, req.case_id(),
      [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
        written.clear();
        const int before = c.orders_size();
        LD_RETURN_IF_ERROR(ApplyConfirm(req, *rules, c, m));
        committed_here = true;
        for (int i = before; i < c.orders_size(); ++i) written.push_back(c.orders(i));
        return absl::OkStatus();
      },
      &current);
  if (decided.ok() && committed_here) {
    if (observer_.decided) observer_.decided(*decided);
    if (observer_.order_written) {
      for (const auto& o : written) observer_.order_written(o);
    }
  }
  return decided;
}

absl::Status Intake::ApplyConfirm(const v1::ConfirmTriageRequest& req,
                                  const rules::RuleIndex& rules, v1::Case& c,
                                  store::CaseMutation& m) {
  LD_RETURN_IF_ERROR(workflow::CheckExpectedVersion(c, req.expected_version()));
  const workflow::OrderContext orders{rules, deadlines_.calendar, deadlines_.zone, store_.keys(),
                                      groups_};
  // Confirmed by an earlier version that wrote orders in a second step: write them now.
  if (c.status() == v1::CASE_CONFIRMED) {
    return workflow::DispatchConfirmed(c, m, orders, absl::Now());
  }
  if (c.status() != v1::CASE_TRIAGED && c.status() != v1::CASE_RETURNED) {
    if (c.has_confirmed()) {
      // Someone else decided first: tell this operator, never drop either decision silently.
      return absl::AbortedError(
          absl::StrCat("case ", c.case_id(), " was already decided (",
                       DispositionLabel(c.confirmed().disposition()),
                       c.confirmed().item().empty() ? "" : " " + c.confirmed().item(),
                       ") and is now ", CaseStatusLabel(c.status()), "; reload it"));
    }
    return absl::FailedPreconditionError(
        absl::StrCat("case ", c.case_id(), " is ", CaseStatusLabel(c.status()),
                     "; its triage can be confirmed only while triaged or returned"));
  }
  LD_ASSIGN_OR_RETURN(v1::Triage decision, DecideTriage(c, req, rules));
  const absl::Time now = absl::Now();
  const v1::Disposition d = decision.disposition();
  const v1::CloseReason close = CloseReasonFor(d);
  const v1::CaseStatus next =
      close != v1::CLOSE_REASON_UNSPECIFIED ? v1::CASE_CLOSED : v1::CASE_CONFIRMED;
  LD_RETURN_IF_ERROR(workflow::CheckCaseTransition(c.case_id(), c.status(), next));
  c.set_overridden(!req.accept_suggestion());
  c.set_override_reason(req.reason());
  *c.mutable_confirmed() = decision;
  c.set_owner_side(OwnerSide(c, d, rules));
  c.set_status(next);
  workflow::RecordEvent(
      c, m, store_.keys(), req.accept_suggestion() ? "confirmed" : "overridden", req.operator_id(),
      nullptr,
      absl::StrCat(DispositionLabel(d), decision.item().empty() ? "" : " " + decision.item(),
                   decision.handover_item().empty() ? "" : " handover " + decision.handover_item(),
                   req.reason().empty() ? "" : " — " + req.reason()),
      now);
  v1::Transfer transfer;
  if (TransferFor(c, d, rules, &transfer)) {
    transfer.set_operator_id(req.operator_id());
    *transfer.mutable_at() = ToProto(now);
    *c.add_transfers() = transfer;
    workflow::RecordEvent(c, m, store_.keys(),
                          transfer.three_way_call() ? "three_way_call" : "transferred",
                          req.operator_id(), nullptr,
                          absl::StrCat(SideLabel(transfer.from_side()), " → ",
                                       SideLabel(transfer.to_side()), ": ", transfer.reason()),
                          now);
  }
  if (auto open = workflow::OpenMatterKey(store_.keys(), c)) {  // found by later calls
    m.sorted_sets.push_back({*open, store::SortedSetChange::Kind::kAdd,
                             static_cast<double>(absl::ToUnixMillis(FromProto(c.received_at()))),
                             c.case_id()});
  }
  if (next == v1::CASE_CLOSED) {
    c.set_close_reason(close);
    workflow::RecordEvent(c, m, store_.keys(), "closed", req.operator_id(), nullptr,
                          v1::CloseReason_Name(close), now);
    return absl::OkStatus();
  }
  // The decision and its orders are one commit: nothing is ever confirmed without orders.
  return workflow::DispatchConfirmed(c, m, orders, now);
}

absl::StatusOr<v1::Case> Intake::GetCase(const std::string& case_id) {
  if (case_id.empty()) return absl::InvalidArgumentError("case_id: required");
  return store_.Get(case_id);
}

}  // namespace liandong::intake
