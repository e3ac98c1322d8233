#include "workflow/transitions.h"

#include <initializer_list>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "common/enums.h"

namespace liandong::workflow {
namespace {

using CS = v1::CaseStatus;
using OS = v1::OrderStatus;

const std::vector<std::pair<CS, std::vector<CS>>>& CaseRules() {
  static const auto* rules = new std::vector<std::pair<CS, std::vector<CS>>>{
      {v1::CASE_TRIAGED, {v1::CASE_CONFIRMED, v1::CASE_CLOSED}},
      {v1::CASE_CONFIRMED, {v1::CASE_DISPATCHED, v1::CASE_CLOSED}},
      // CLOSED from a working state only when no order is open or a supervisor cancels
      // (services/feedback CloseCase checks the orders).
      {v1::CASE_DISPATCHED, {v1::CASE_IN_PROGRESS, v1::CASE_RETURNED, v1::CASE_CLOSED}},
      {v1::CASE_IN_PROGRESS, {v1::CASE_RESOLVED, v1::CASE_RETURNED, v1::CASE_CLOSED}},
      {v1::CASE_RETURNED,
       {v1::CASE_CONFIRMED, v1::CASE_IN_PROGRESS, v1::CASE_RESOLVED, v1::CASE_CLOSED}},
      {v1::CASE_RESOLVED, {v1::CASE_CALLED_BACK, v1::CASE_IN_PROGRESS}},
      {v1::CASE_CALLED_BACK, {v1::CASE_CLOSED, v1::CASE_IN_PROGRESS}},
      {v1::CASE_CLOSED, {}},
  };
  return *rules;
}

const std::vector<std::pair<OS, std::vector<OS>>>& OrderRules() {
  static const auto* rules = new std::vector<std::pair<OS, std::vector<OS>>>{
      // ORDER_CLOSED from an unfinished state: a supervisor cancelled the case.
      {v1::ORDER_DISPATCHED,
       {v1::ORDER_SIGNED, v1::ORDER_RETURNED, v1::ORDER_DEAD_LETTERED, v1::ORDER_CLOSED}},
      {v1::ORDER_SIGNED,
       {v1::ORDER_IN_PROGRESS, v1::ORDER_RESOLVED, v1::ORDER_RETURNED, v1::ORDER_CLOSED}},
      {v1::ORDER_IN_PROGRESS, {v1::ORDER_IN_PROGRESS, v1::ORDER_RESOLVED, v1::ORDER_CLOSED}},
      {v1::ORDER_RESOLVED, {v1::ORDER_CLOSED, v1::ORDER_IN_PROGRESS}},
      {v1::ORDER_RETURNED, {}},
      {v1::ORDER_DEAD_LETTERED, {v1::ORDER_CLOSED}},
      {v1::ORDER_CLOSED, {}},
  };
  return *rules;
}

template <typename S, typename Label>
absl::Status Check(const std::vector<std::pair<S, std::vector<S>>>& rules, const std::string& what,
                   S from, S to, Label label) {
  for (const auto& [state, next] : rules) {
    if (state != from) continue;
    for (S allowed : next) {
      if (allowed == to) return absl::OkStatus();
    }
    std::vector<std::string> names;
    for (S allowed : next) names.push_back(label(allowed));
    return absl::FailedPreconditionError(absl::StrCat(
        what, " is ", label(from), " and cannot become ", label(to),
        "; allowed next: ", names.empty() ? "none (final)" : absl::StrJoin(names, ", ")));
  }
  return absl::FailedPreconditionError(absl::StrCat(what, " is in an unknown state"));
}

}  // namespace

absl::Status CheckCaseTransition(const std::string& case_id, v1::CaseStatus from,
                                 v1::CaseStatus to) {
  return Check(CaseRules(), absl::StrCat("case ", case_id), from, to, CaseStatusLabel);
}

absl::Status CheckOrderTransition(const std::string& order_id, v1::OrderStatus from,
                                  v1::OrderStatus to) {
  return Check(OrderRules(), absl::StrCat("order ", order_id), from, to, OrderStatusLabel);
}

bool IsOrderOpen(v1::OrderStatus status) {
  return status == v1::ORDER_DISPATCHED || status == v1::ORDER_SIGNED ||
         status == v1::ORDER_IN_PROGRESS;
}

}  // namespace liandong::workflow
