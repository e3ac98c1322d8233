#include "sla_sweeper.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "store/server_time.h"
#include "workflow/case_events.h"
#include "workflow/orders.h"
#include "workflow/sla_clocks.h"

namespace liandong::feedback {
namespace {

constexpr char kBatch[] = "64";

std::string Describe(workflow::ClockKind kind, const v1::WorkOrder& o) {
  switch (kind) {
    case workflow::ClockKind::kSignReminder:
      return absl::StrCat("签收 reminder: 80% of the sign-for time used, due ",
                          FormatLocal(o.sign_due()));
    case workflow::ClockKind::kSignDue:
      return absl::StrCat("督办: not signed for by ", FormatLocal(o.sign_due()));
    case workflow::ClockKind::kResolveReminder:
      return absl::StrCat("办结 reminder: 80% of the resolve time used, due ",
                          FormatLocal(o.resolve_due()));
    case workflow::ClockKind::kResolveDue:
      return absl::StrCat("督办: not resolved by ", FormatLocal(o.resolve_due()));
    case workflow::ClockKind::kResolveEscalation:
      return "提级督办: still not resolved five working days after the deadline";
  }
  return "";
}

}  // namespace

void SlaSweeper::Start() {
  thread_ = std::thread([this] {
    while (!stopping_) {
      auto now = SharedNow();
      auto fired = now.ok() ? SweepOnce(*now) : now.status();
      if (!fired.ok()) std::cerr << "feedback: sla sweep: " << fired.status() << std::endl;
      for (absl::Duration slept; slept < interval_ && !stopping_; slept += absl::Milliseconds(50)) {
        absl::SleepFor(absl::Milliseconds(50));
      }
    }
  });
}

void SlaSweeper::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<absl::Time> SlaSweeper::SharedNow() {
  LD_ASSIGN_OR_RETURN(const absl::Time shared, store::ServerTime(store_.redis()));
  const absl::Time local = observers_.local_clock ? observers_.local_clock() : absl::Now();
  const absl::Duration skew = local - shared;
  const bool refused = absl::AbsDuration(skew) > max_skew_;
  if (observers_.on_skew) observers_.on_skew(absl::ToDoubleSeconds(skew), refused);
  if (refused) {
    return absl::FailedPreconditionError(absl::StrCat(
        "this replica's clock is ", absl::FormatDuration(skew), " off Redis's (bound ",
        absl::FormatDuration(max_skew_), "): it fires no SLA clock until NTP fixes it"));
  }
  return shared;
}

absl::StatusOr<int> SlaSweeper::SweepOnce(absl::Time now) {
  LD_ASSIGN_OR_RETURN(auto due, store_.redis().Command(
                                    {"ZRANGEBYSCORE", store_.keys().SlaClocks(), "-inf",
                                     absl::StrCat(absl::ToUnixMillis(now)), "LIMIT", "0", kBatch}));
  int fired = 0;
  for (const auto& member : due.elements) {
    auto result = Fire(member.str, now);
    if (!result.ok()) {
      std::cerr << "feedback: clock " << member.str << ": " << result.status() << std::endl;
      continue;
    }
    fired += *result;
  }
  return fired;
}

absl::StatusOr<bool> SlaSweeper::Fire(const std::string& member, absl::Time now) {
  LD_ASSIGN_OR_RETURN(const workflow::Clock clock, workflow::ParseClockMember(member));
  LD_ASSIGN_OR_RETURN(const std::string case_id, workflow::CaseIdOfOrder(clock.order_id));
  bool recorded = false;
  std::string fired_type;
  auto updated = store_.Update(case_id, [&](v1::Case& c, store::CaseMutation& m) -> absl::Status {
    recorded = false;
    m.sorted_sets.push_back(
        {store_.keys().SlaClocks(), store::SortedSetChange::Kind::kClaim, 0, member});
    auto order = workflow::FindOrder(c, clock.order_id);
    if (!order.ok() || !workflow::ClockApplies(clock.kind, (*order)->status())) {
      return absl::OkStatus();  // the order moved on: retire the clock silently
    }
    workflow::RecordEvent(c, m, store_.keys(), workflow::ClockEventType(clock.kind), "sla-clock",
                          *order, Describe(clock.kind, **order), now);
    recorded = true;
    fired_type = workflow::ClockEventType(clock.kind);
    return absl::OkStatus();
  });
  if (absl::IsNotFound(updated.status())) {
    // Another replica claimed it, or the case is gone: make sure the clock does not linger.
    (void)store_.redis().Command({"ZREM", store_.keys().SlaClocks(), member});
    return false;
  }
  if (!updated.ok()) return updated.status();
  if (recorded && observers_.on_fired) observers_.on_fired(fired_type);
  return recorded;
}

}  // namespace liandong::feedback
