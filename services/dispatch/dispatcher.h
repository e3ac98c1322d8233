#pragma once

#include <string>

#include "absl/status/statusor.h"
#include "common/service_time_zone.h"
#include "liandong/v1/dispatch.pb.h"
#include "rules/rule_table_holder.h"
#include "rules/work_calendar.h"
#include "store/case_store.h"
#include "store/stream_groups.h"

namespace liandong::dispatch {

struct DeliveryConfig {
  rules::WorkCalendar calendar;
  absl::TimeZone zone = ServiceTimeZone();
  // An order delivered but not signed for within this is delivered again (to any replica).
  absl::Duration visibility_timeout = absl::Minutes(5);
  // After this many deliveries without sign-for the order goes to the dead-letter stream.
  int max_deliveries = 6;
  // Orders one consumer may hold delivered but unsigned; a slow desk takes no more until it
  // signs, so the rest go to healthy replicas instead of waiting behind it.
  int max_in_flight = 16;
};

// Owns delivery state: writing orders to destination streams, sign-for and return.
class Dispatcher {
 public:
  Dispatcher(store::CaseStore& store, rules::RuleTableHolder& rules, DeliveryConfig config)
      : store_(store), rules_(rules), config_(std::move(config)) {}

  // Idempotent: a case already dispatched is returned as it is.
  absl::StatusOr<v1::Case> CreateOrders(const std::string& case_id);
  absl::StatusOr<v1::WorkOrder> Sign(const v1::SignOrderRequest& req);
  absl::StatusOr<v1::WorkOrder> Return(const v1::ReturnOrderRequest& req);
  // Gives up on delivering an order: acks its entry, copies it to ld:dlq:<destination> with the
  // reason, marks it dead-lettered and raises a supervision event, in one commit.
  absl::Status DeadLetter(const std::string& order_id, const std::string& reason, int deliveries);
  absl::StatusOr<v1::ListDestinationsResponse> ListDestinations();

  // Every destination of the table gets its stream and consumer group.
  absl::Status PrepareStreams();
  // NOT_FOUND unless the loaded table routes to `destination`.
  absl::Status CheckKnownDestination(const std::string& destination) const;
  // A consumer name belongs to the identity that first subscribed with it, so nobody can take
  // over another replica's pending orders by reusing its name. PERMISSION_DENIED otherwise.
  absl::Status BindConsumer(const std::string& destination, const std::string& consumer,
                            const std::string& subject);
  const DeliveryConfig& config() const { return config_; }

 private:
  // The changes to one case, applied inside CaseStore::Update's compare-and-set loop.
  absl::Status ApplySign(const v1::SignOrderRequest& req, v1::Case& c, store::CaseMutation& m,
                         v1::WorkOrder* result);
  absl::Status ApplyReturn(const v1::ReturnOrderRequest& req, v1::Case& c, store::CaseMutation& m,
                           v1::WorkOrder* result);

  store::CaseStore& store_;
  rules::RuleTableHolder& rules_;
  DeliveryConfig config_;
  store::StreamGroups groups_{store_.redis(), store::Keys::kPartnerGroup};  // once per stream
};

}  // namespace liandong::dispatch
