#include "workflow/order_planner.h"

#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "common/time_util.h"
#include "rules/sla.h"
#include "workflow/orders.h"
#include "workflow/transitions.h"

namespace liandong::workflow {
namespace {

struct Plan {
  v1::OrderKind kind;
  std::string destination;
  std::string agency_id;
  std::string item;
  std::string category;
  std::string tier;
  v1::Priority priority;
};

absl::StatusOr<Plan> SidePlan(const rules::RuleIndex& rules, v1::Side side, v1::OrderKind kind,
                              v1::Priority priority) {
  const v1::SideDef* def = rules.FindSide(side);
  if (def == nullptr) return absl::InternalError("rule table has no side definition");
  return Plan{kind, def->destination(), "", "", "", def->sla_tier(), priority};
}

absl::StatusOr<Plan> ItemPlan(const rules::RuleIndex& rules, const std::string& item_id,
                              const std::string& district, v1::OrderKind kind,
                              v1::Priority priority) {
  const v1::Item* item = rules.FindItem(item_id);
  if (item == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("item '", item_id, "' is not in rule table ", rules.version()));
  }
  const v1::Agency* agency = rules.FindAgency(item->agency());
  if (agency == nullptr) return absl::InternalError("item names an unknown agency");
  return Plan{kind,
              rules.AgencyDestination(*agency, district),
              agency->id(),
              item->id(),
              rules.CategoryOf(item->id()),
              item->sla_tier(),
              priority};
}

}  // namespace

absl::StatusOr<std::vector<v1::WorkOrder>> PlanOrders(const v1::Case& c,
                                                      const rules::RuleIndex& rules,
                                                      const rules::WorkCalendar& calendar,
                                                      absl::TimeZone zone, absl::Time now) {
  const v1::Triage& t = c.confirmed();
  const std::string& district = c.location().district_code();
  std::vector<absl::StatusOr<Plan>> plans;
  switch (t.disposition()) {
    case v1::EMERGENCY_110:
      plans.push_back(SidePlan(rules, v1::SIDE_110, v1::ORDER_POLICE, v1::PRIORITY_URGENT));
      if (!t.handover_item().empty()) {
        plans.push_back(
            ItemPlan(rules, t.handover_item(), district, v1::ORDER_HANDOVER, v1::PRIORITY_URGENT));
      }
      break;
    case v1::POLICE_110:
      plans.push_back(SidePlan(rules, v1::SIDE_110, v1::ORDER_POLICE, v1::PRIORITY_NORMAL));
      break;
    case v1::TRANSFER_12345:
      plans.push_back(ItemPlan(rules, t.item(), district, v1::ORDER_TRANSFER, v1::PRIORITY_NORMAL));
      break;
    case v1::JOINT:
      plans.push_back(SidePlan(rules, rules.table().joint().first_acceptor(), v1::ORDER_JOINT,
                               v1::PRIORITY_NORMAL));
      break;
    default:
      return absl::FailedPreconditionError(absl::StrCat(
          "case ", c.case_id(), ": ", DispositionLabel(t.disposition()), " takes no work order"));
  }

  std::vector<v1::WorkOrder> orders;
  int next_number = c.orders_size() + 1;
  for (auto& planned : plans) {
    if (!planned.ok()) return planned.status();
    const Plan& p = *planned;
    bool already_open = false;
    for (const auto& existing : c.orders()) {
      if (existing.destination() == p.destination && workflow::IsOrderOpen(existing.status())) {
        already_open = true;
      }
    }
    if (already_open) continue;
    const v1::SlaTier* tier = rules.FindTier(p.tier);
    if (tier == nullptr) return absl::InternalError(absl::StrCat("unknown SLA tier ", p.tier));
    v1::WorkOrder o;
    o.set_order_id(workflow::MakeOrderId(c.case_id(), next_number++));
    o.set_case_id(c.case_id());
    o.set_kind(p.kind);
    o.set_destination(p.destination);
    o.set_agency_id(p.agency_id);
    o.set_from_side(c.side_received());
    o.set_to_side(rules.SideOfDestination(p.destination));
    o.set_disposition(t.disposition());
    o.set_category(p.category.empty() ? t.category() : p.category);
    o.set_item(p.item);
    o.set_priority(p.priority);
    o.set_sla_tier(p.tier);
    *o.mutable_created_at() = ToProto(now);
    *o.mutable_sign_due() = ToProto(rules::AddSpan(now, tier->sign_for(), zone, calendar));
    *o.mutable_resolve_due() = ToProto(rules::AddSpan(now, tier->resolve(), zone, calendar));
    o.set_status(v1::ORDER_DISPATCHED);
    o.set_rules_version(rules.version());
    o.set_summary(c.text());
    *o.mutable_location() = c.location();
    orders.push_back(std::move(o));
  }
  return orders;
}

}  // namespace liandong::workflow
