#include "workflow/orders.h"

#include "absl/strings/str_cat.h"
#include "workflow/sla_clocks.h"

namespace liandong::workflow {

std::string MakeOrderId(const std::string& case_id, int n) {
  return absl::StrCat(case_id, "-O", n);
}

absl::StatusOr<std::string> CaseIdOfOrder(const std::string& order_id) {
  const size_t pos = order_id.rfind("-O");
  if (order_id.empty() || pos == std::string::npos || pos == 0 || pos + 2 >= order_id.size()) {
    return absl::InvalidArgumentError(
        absl::StrCat("order_id: '", order_id, "' is not an order id (<case_id>-O<n>)"));
  }
  return order_id.substr(0, pos);
}

absl::StatusOr<v1::WorkOrder*> FindOrder(v1::Case& c, const std::string& order_id) {
  for (auto& o : *c.mutable_orders()) {
    if (o.order_id() == order_id) return &o;
  }
  return absl::NotFoundError(absl::StrCat("order_id: no order '", order_id, "'"));
}

absl::Status CheckDestination(const v1::WorkOrder& order, const std::string& destination) {
  if (destination.empty()) return absl::InvalidArgumentError("destination: required");
  if (order.destination() != destination) {
    return absl::PermissionDeniedError(absl::StrCat("destination: order ", order.order_id(),
                                                    " belongs to '", order.destination(),
                                                    "', not '", destination, "'"));
  }
  return absl::OkStatus();
}

void CancelOrder(v1::WorkOrder& order, const std::string& why, const store::Keys& keys,
                 store::CaseMutation& m) {
  CancelSignClocks(order.order_id(), keys, m);
  CancelResolveClocks(order.order_id(), keys, m);
  if (order.status() == v1::ORDER_DISPATCHED && !order.stream_entry_id().empty()) {
    m.acks.push_back({keys.WorkOrders(order.destination()), store::Keys::kPartnerGroup,
                      order.stream_entry_id(), /*drop=*/true});
  }
  order.set_status(v1::ORDER_CLOSED);
  order.set_result(absl::StrCat("cancelled: ", why));
}

}  // namespace liandong::workflow
