#include "triage_decision.h"

#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/text_limits.h"

namespace liandong::intake {
namespace {

v1::Side Other(v1::Side s) { return s == v1::SIDE_110 ? v1::SIDE_12345 : v1::SIDE_110; }

}  // namespace

absl::StatusOr<v1::Triage> DecideTriage(const v1::Case& c, const v1::ConfirmTriageRequest& req,
                                        const rules::RuleIndex& rules) {
  const v1::Triage& suggested = c.suggested();
  if (req.accept_suggestion()) {
    if (suggested.disposition() == v1::DISPOSITION_UNSPECIFIED) {
      return absl::FailedPreconditionError(
          "accept_suggestion: this case has no suggestion (classification was unavailable); "
          "choose a disposition");
    }
    return suggested;
  }
  const v1::Disposition d = req.disposition();
  if (d == v1::DISPOSITION_UNSPECIFIED || !v1::Disposition_IsValid(d)) {
    return absl::InvalidArgumentError(
        "disposition: required when not accepting the suggestion (EMERGENCY_110 … OUT_OF_SCOPE)");
  }
  LD_RETURN_IF_ERROR(ValidateShortField("reason", req.reason(), 1024, false));
  v1::Triage decision;
  decision.set_disposition(d);
  decision.set_rules_version(rules.version());
  decision.set_model_version("operator");
  decision.set_confidence(1.0);
  decision.set_reason(req.reason());
  if (d == v1::TRANSFER_12345) {
    if (req.item().empty()) return absl::InvalidArgumentError("item: required for TRANSFER_12345");
    if (rules.FindItem(req.item()) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("item: '", req.item(), "' is not in rule table ", rules.version()));
    }
    decision.set_item(req.item());
    decision.set_category(rules.CategoryOf(req.item()));
  } else if (!req.item().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "item: only TRANSFER_12345 takes an item (use handover_item for emergencies)"));
  }
  if (!req.handover_item().empty()) {
    if (d != v1::EMERGENCY_110) {
      return absl::InvalidArgumentError("handover_item: only EMERGENCY_110 takes a handover item");
    }
    if (rules.FindItem(req.handover_item()) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat("handover_item: '", req.handover_item(), "' is not in the rule table"));
    }
    decision.set_handover_item(req.handover_item());
    decision.set_category(rules.CategoryOf(req.handover_item()));
  }
  if (decision.category().empty()) decision.set_category(DispositionLabel(d));
  const bool differs = suggested.disposition() != d || suggested.item() != decision.item() ||
                       suggested.handover_item() != decision.handover_item();
  if (differs && suggested.disposition() != v1::DISPOSITION_UNSPECIFIED && req.reason().empty()) {
    return absl::InvalidArgumentError("reason: required when overriding the suggestion");
  }
  return decision;
}

v1::Side OwnerSide(const v1::Case& c, v1::Disposition d, const rules::RuleIndex& rules) {
  switch (d) {
    case v1::EMERGENCY_110:
    case v1::POLICE_110:
      return v1::SIDE_110;
    case v1::TRANSFER_12345:
      return v1::SIDE_12345;
    case v1::JOINT:
      return rules.table().joint().first_acceptor();
    default:
      return c.side_received();  // first-contact responsibility
  }
}

bool TransferFor(const v1::Case& c, v1::Disposition d, const rules::RuleIndex& rules,
                 v1::Transfer* out) {
  const v1::Side owner = OwnerSide(c, d, rules);
  if (d == v1::JOINT) {
    out->set_from_side(c.side_received());
    out->set_to_side(Other(c.side_received()));
    out->set_three_way_call(rules.table().joint().three_way_call());
    out->set_reason("职责不清：三方通话，首接方先行受理");
    return true;
  }
  if (owner == c.side_received()) return false;
  out->set_from_side(c.side_received());
  out->set_to_side(owner);
  out->set_three_way_call(d == v1::EMERGENCY_110);
  out->set_reason(d == v1::EMERGENCY_110 ? "紧急警情：一键转警并三方通话" : "一键转办");
  return true;
}

v1::CloseReason CloseReasonFor(v1::Disposition d) {
  switch (d) {
    case v1::DIRECT_ANSWER:
      return v1::CLOSED_ANSWERED;
    case v1::INVALID:
      return v1::CLOSED_INVALID;
    case v1::OUT_OF_SCOPE:
      return v1::CLOSED_OUT_OF_SCOPE;
    default:
      return v1::CLOSE_REASON_UNSPECIFIED;
  }
}

}  // namespace liandong::intake
