#include "dispatch_metrics.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/enums.h"
#include "common/time_util.h"
#include "store/group_backlog.h"
#include "store/streams.h"
#include "workflow/orders.h"

namespace liandong::dispatch {
namespace {

constexpr char kOverdueScan[] = "500";

}  // namespace

DispatchMetrics::DispatchMetrics(prometheus::Registry& registry, store::CaseStore& store,
                                 rules::RuleTableHolder& rules, absl::Duration poll_interval)
    : store_(store),
      rules_(rules),
      poll_interval_(poll_interval),
      orders_(prometheus::BuildCounter()
                  .Name("liandong_dispatch_orders_total")
                  .Help("Work orders written, by direction (from side → to side) and destination")
                  .Register(registry)),
      sign_latency_(prometheus::BuildHistogram()
                        .Name("liandong_dispatch_sign_latency_seconds")
                        .Help("Time from dispatch to sign-for, by destination")
                        .Register(registry)),
      pending_(prometheus::BuildGauge()
                   .Name("liandong_dispatch_stream_pending")
                   .Help("Orders delivered to a destination but not signed for")
                   .Register(registry)),
      lag_(prometheus::BuildGauge()
               .Name("liandong_dispatch_stream_lag")
               .Help("Orders on a destination's stream not yet delivered to any consumer")
               .Register(registry)),
      overdue_(prometheus::BuildGauge()
                   .Name("liandong_dispatch_orders_unsigned_overdue")
                   .Help("Unsigned orders past their sign-for deadline, by destination")
                   .Register(registry)),
      dlq_(prometheus::BuildGauge()
               .Name("liandong_dispatch_dlq_length")
               .Help("Entries in a destination's dead-letter stream")
               .Register(registry)) {}

void DispatchMetrics::OrderDispatched(const v1::WorkOrder& o) {
  orders_
      .Add({{"direction", absl::StrCat(SideLabel(o.from_side()), "→", SideLabel(o.to_side()))},
            {"destination", o.destination()}})
      .Increment();
}

void DispatchMetrics::OrderSigned(const v1::WorkOrder& o) {
  static const prometheus::Histogram::BucketBoundaries kBuckets = {0.1, 1,    5,    15,   60,   300,
                                                                   900, 1800, 3600, 7200, 86400};
  sign_latency_.Add({{"destination", o.destination()}}, kBuckets)
      .Observe(absl::ToDoubleSeconds(FromProto(o.signed_at()) - FromProto(o.created_at())));
}

std::map<std::string, int64_t> DispatchMetrics::OverdueUnsigned(absl::Time now) {
  // Open sign-for deadlines already past (ld:due), whether or not anyone received the order.
  std::map<std::string, int64_t> by_destination;
  auto due =
      store_.redis().Command({"ZRANGEBYSCORE", store_.keys().Deadlines(), "-inf",
                              absl::StrCat(absl::ToUnixMillis(now)), "LIMIT", "0", kOverdueScan});
  if (!due.ok()) return by_destination;
  for (const auto& member : due->elements) {
    const size_t bar = member.str.rfind('|');
    if (bar == std::string::npos || member.str.substr(bar + 1) != "sign_for") continue;
    const std::string order_id = member.str.substr(0, bar);
    auto case_id = workflow::CaseIdOfOrder(order_id);
    if (!case_id.ok()) continue;
    auto c = store_.Get(*case_id);
    if (!c.ok()) continue;
    auto order = workflow::FindOrder(*c, order_id);
    if (order.ok()) ++by_destination[(*order)->destination()];
  }
  return by_destination;
}

void DispatchMetrics::PollOnce() {
  const auto overdue = OverdueUnsigned(absl::Now());
  for (const auto& destination : rules_.Get()->AllDestinations()) {
    const std::string stream = store_.keys().WorkOrders(destination);
    auto waiting = store::ReadGroupBacklog(store_.redis(), stream, store::Keys::kPartnerGroup);
    if (waiting.ok()) {
      pending_.Add({{"destination", destination}}).Set(static_cast<double>(waiting->pending));
      lag_.Add({{"destination", destination}}).Set(static_cast<double>(waiting->lag));
    }
    auto late = overdue.find(destination);
    overdue_.Add({{"destination", destination}}).Set(late == overdue.end() ? 0 : late->second);
    auto dlq = store_.redis().Command({"XLEN", store_.keys().DeadLetters(destination)});
    if (dlq.ok()) dlq_.Add({{"destination", destination}}).Set(dlq->integer);
  }
}

void DispatchMetrics::Start() {
  thread_ = std::thread([this] {
    while (!stopping_) {
      PollOnce();
      for (absl::Duration slept; slept < poll_interval_ && !stopping_;
           slept += absl::Milliseconds(50)) {
        absl::SleepFor(absl::Milliseconds(50));
      }
    }
  });
}

void DispatchMetrics::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace liandong::dispatch
