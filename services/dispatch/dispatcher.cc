#include "dispatcher.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "common/status_macros.h"
#include "common/text_limits.h"
#include "common/time_util.h"
#include "store/group_backlog.h"
#include "store/streams.h"
#include "workflow/case_events.h"
#include "workflow/dispatch_orders.h"
#include "workflow/orders.h"
#include "workflow/request_once.h"
#include "workflow/sla_clocks.h"
#include "workflow/transitions.h"

namespace liandong::dispatch {
namespace {

// Once an order leaves DISPATCHED it is no longer a stream entry awaiting sign-for.
absl::Status RequireUnsigned(const v1::WorkOrder& o) {
  if (o.status() == v1::ORDER_DISPATCHED) return absl::OkStatus();
  if (!o.signed_by().empty()) {
    return absl::FailedPreconditionError(absl::StrCat("order ", o.order_id(),
                                                      " was already signed for by ", o.signed_by(),
                                                      " at ", FormatLocal(o.signed_at())));
  }
  return absl::FailedPreconditionError(
      absl::StrCat("order ", o.order_id(), " is ", OrderStatusLabel(o.status())));
}

}  // namespace

absl::Status Dispatcher::CheckKnownDestination(const std::string& destination) const {
  if (destination.empty()) return absl::InvalidArgumentError("destination: required");
  auto rules = rules_.Get();
  const auto all = rules->AllDestinations();
  if (std::find(all.begin(), all.end(), destination) == all.end()) {
    return absl::NotFoundError(absl::StrCat("destination: '", destination,
                                            "' is not routed to by rule table ", rules->version()));
  }
  return absl::OkStatus();
}

absl::Status Dispatcher::BindConsumer(const std::string& destination, const std::string& consumer,
                                      const std::string& subject) {
  const std::string key = store_.keys().ConsumerOwner(destination, consumer);
  // SET NX GET (Redis 7): claims the name, or returns who holds it.
  LD_ASSIGN_OR_RETURN(auto reply, store_.redis().Command({"SET", key, subject, "NX", "GET"}));
  if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));
  if (reply.is_nil() || reply.str == subject) return absl::OkStatus();
  return absl::PermissionDeniedError(absl::StrCat("consumer: '", consumer, "' of ", destination,
                                                  " belongs to another identity; pick another"));
}

absl::Status Dispatcher::PrepareStreams() {
  for (const auto& d : rules_.Get()->AllDestinations()) {
    LD_RETURN_IF_ERROR(groups_.Ensure(store_.keys().WorkOrders(d)));
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Case> Dispatcher::CreateOrders(const std::string& case_id) {
  if (case_id.empty()) return absl::InvalidArgumentError("case_id: required");
  auto rules = rules_.Get();
  return store_.Update(case_id, [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
    if (c.status() != v1::CASE_CONFIRMED) {
      if (c.status() == v1::CASE_TRIAGED || c.status() == v1::CASE_RETURNED) {
        return absl::FailedPreconditionError(absl::StrCat("case ", c.case_id(), " is ",
                                                          CaseStatusLabel(c.status()),
                                                          "; confirm its triage first"));
      }
      return absl::OkStatus();  // already dispatched: a retry changes nothing
    }
    const workflow::OrderContext ctx{*rules, config_.calendar, config_.zone, store_.keys(),
                                     groups_};
    return workflow::DispatchConfirmed(c, m, ctx, absl::Now());
  });
}

absl::StatusOr<v1::WorkOrder> Dispatcher::Sign(const v1::SignOrderRequest& req) {
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CaseIdOfOrder(req.order_id()));
  LD_RETURN_IF_ERROR(ValidateShortField("signer", req.signer(), 64, true));
  v1::WorkOrder result;
  const auto id = workflow::IdentifyRequest(store_.keys(), "sign", req, req.request_id());
  auto updated = workflow::UpdateOnce(
      store_, id, case_id,
      [&](v1::Case& c, store::CaseMutation& m) { return ApplySign(req, c, m, &result); });
  if (!updated.ok()) return updated.status();
  return workflow::OrderIn(*updated, req.order_id());
}

absl::Status Dispatcher::ApplySign(const v1::SignOrderRequest& req, v1::Case& c,
                                   store::CaseMutation& m, v1::WorkOrder* result) {
  LD_ASSIGN_OR_RETURN(v1::WorkOrder * o, workflow::FindOrder(c, req.order_id()));
  LD_RETURN_IF_ERROR(workflow::CheckDestination(*o, req.destination()));
  // The same signer retrying after a lost reply gets the order as it is: sign-for is
  // idempotent for its signer, refused for anyone else.
  if (o->status() != v1::ORDER_DISPATCHED && o->signed_by() == req.signer()) {
    *result = *o;
    return absl::OkStatus();
  }
  LD_RETURN_IF_ERROR(RequireUnsigned(*o));
  const absl::Time now = absl::Now();
  workflow::CancelSignClocks(o->order_id(), store_.keys(), m);
  o->set_status(v1::ORDER_SIGNED);
  o->set_signed_by(req.signer());
  *o->mutable_signed_at() = ToProto(now);
  if (!o->stream_entry_id().empty()) {
    m.acks.push_back({store_.keys().WorkOrders(o->destination()), store::Keys::kPartnerGroup,
                      o->stream_entry_id()});
  }
  if (c.status() == v1::CASE_DISPATCHED) c.set_status(v1::CASE_IN_PROGRESS);
  const std::string actor = absl::StrCat(req.destination(), "/", req.signer());
  workflow::RecordEvent(c, m, store_.keys(), "signed", actor, o, "签收", now);
  workflow::RecordOutcome(c, m, store_.keys(), "signed", actor, o, "签收", now);
  *result = *o;
  return absl::OkStatus();
}

absl::StatusOr<v1::WorkOrder> Dispatcher::Return(const v1::ReturnOrderRequest& req) {
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CaseIdOfOrder(req.order_id()));
  LD_RETURN_IF_ERROR(ValidateShortField("signer", req.signer(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("reason_code", req.reason_code(), 64, true));
  LD_RETURN_IF_ERROR(ValidateShortField("reason", req.reason(), 1024, false));
  v1::WorkOrder result;
  const auto id = workflow::IdentifyRequest(store_.keys(), "return", req, req.request_id());
  auto updated = workflow::UpdateOnce(
      store_, id, case_id,
      [&](v1::Case& c, store::CaseMutation& m) { return ApplyReturn(req, c, m, &result); });
  if (!updated.ok()) return updated.status();
  return workflow::OrderIn(*updated, req.order_id());
}

absl::Status Dispatcher::ApplyReturn(const v1::ReturnOrderRequest& req, v1::Case& c,
                                     store::CaseMutation& m, v1::WorkOrder* result) {
  auto rules = rules_.Get();
  LD_ASSIGN_OR_RETURN(v1::WorkOrder * o, workflow::FindOrder(c, req.order_id()));
  LD_RETURN_IF_ERROR(workflow::CheckDestination(*o, req.destination()));
  LD_RETURN_IF_ERROR(
      workflow::CheckOrderTransition(o->order_id(), o->status(), v1::ORDER_RETURNED));
  if (c.status() != v1::CASE_RETURNED) {
    LD_RETURN_IF_ERROR(workflow::CheckCaseTransition(c.case_id(), c.status(), v1::CASE_RETURNED));
  }
  const absl::Time now = absl::Now();
  if (o->status() == v1::ORDER_DISPATCHED && !o->stream_entry_id().empty()) {
    m.acks.push_back({store_.keys().WorkOrders(o->destination()), store::Keys::kPartnerGroup,
                      o->stream_entry_id()});
  }
  workflow::CancelSignClocks(o->order_id(), store_.keys(), m);
  workflow::CancelResolveClocks(o->order_id(), store_.keys(), m);
  o->set_status(v1::ORDER_RETURNED);
  o->set_return_reason(
      absl::StrCat(req.reason_code(), req.reason().empty() ? "" : ": ", req.reason()));
  c.set_status(v1::CASE_RETURNED);
  c.set_return_count(c.return_count() + 1);
  const std::string actor = absl::StrCat(req.destination(), "/", req.signer());
  const std::string detail = absl::StrCat("退回 by ", rules->DestinationName(o->destination()),
                                          " because ", o->return_reason(), "; back with ",
                                          SideLabel(c.side_received()), " for re-routing");
  workflow::RecordEvent(c, m, store_.keys(), "returned", actor, o, detail, now);
  workflow::RecordOutcome(c, m, store_.keys(), "returned", actor, o, detail, now);
  if (c.return_count() >= 3) {  // policy §5: returned 3 times → 提级督办
    workflow::RecordEvent(c, m, store_.keys(), "escalated", "dispatch", o,
                          absl::StrCat("returned ", c.return_count(), " times: 提级督办"), now);
  }
  *result = *o;
  return absl::OkStatus();
}

absl::Status Dispatcher::DeadLetter(const std::string& order_id, const std::string& reason,
                                    int deliveries) {
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CaseIdOfOrder(order_id));
  return store_
      .Update(
          case_id,
          [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
            LD_ASSIGN_OR_RETURN(v1::WorkOrder * o, workflow::FindOrder(c, order_id));
            if (o->status() != v1::ORDER_DISPATCHED) return absl::OkStatus();  // signed meanwhile
            const absl::Time now = absl::Now();
            const std::string stream = store_.keys().WorkOrders(o->destination());
            m.acks.push_back({stream, store::Keys::kPartnerGroup, o->stream_entry_id()});
            workflow::CancelSignClocks(o->order_id(), store_.keys(), m);
            workflow::CancelResolveClocks(o->order_id(), store_.keys(), m);
            o->set_status(v1::ORDER_DEAD_LETTERED);
            o->set_dead_letter_reason(reason);
            store::Fields dlq = workflow::OrderStreamFields(*o);
            dlq.insert(dlq.end(), {{"reason", reason},
                                   {"deliveries", absl::StrCat(deliveries)},
                                   {"entry_id", o->stream_entry_id()},
                                   {"destination", o->destination()}});
            m.appends.push_back({store_.keys().DeadLetters(o->destination()), std::move(dlq), ""});
            workflow::RecordEvent(c, m, store_.keys(), "dead_lettered", "dispatch", o, reason, now);
            workflow::RecordEvent(
                c, m, store_.keys(), "supervision", "dispatch", o,
                absl::StrCat("督办: order not signed for after ", deliveries, " deliveries"), now);
            return absl::OkStatus();
          })
      .status();
}

absl::StatusOr<v1::ListDestinationsResponse> Dispatcher::ListDestinations() {
  auto rules = rules_.Get();
  v1::ListDestinationsResponse out;
  for (const auto& d : rules->AllDestinations()) {
    auto* dest = out.add_destinations();
    dest->set_destination(d);
    dest->set_name(rules->DestinationName(d));
    dest->set_side(rules->SideOfDestination(d));
    const std::string key = store_.keys().WorkOrders(d);
    LD_ASSIGN_OR_RETURN(auto len, store_.redis().Command({"XLEN", key}));
    dest->set_length(len.integer);
    // Unread orders (lag) wait as much as unsigned ones (pending).
    LD_ASSIGN_OR_RETURN(const store::GroupBacklog waiting,
                        store::ReadGroupBacklog(store_.redis(), key, store::Keys::kPartnerGroup));
    dest->set_pending(waiting.pending);
    dest->set_lag(waiting.lag);
    dest->set_backlog(waiting.backlog());
  }
  return out;
}

}  // namespace liandong::dispatch
