#pragma once

#include <functional>
#include <string>

#include "absl/status/status.h"
#include "liandong/v1/dispatch.pb.h"
#include "store/case_store.h"

namespace liandong::dispatch {

// Streams a destination's orders to one consumer of its group: first the consumer's own
// pending (delivered, unsigned) entries, then new ones as they arrive.
class OrderFeed {
 public:
  using Send = std::function<bool(const v1::OrderDelivery&)>;  // false: the client is gone
  using Stopped = std::function<bool()>;                       // cancelled or shutting down

  explicit OrderFeed(store::CaseStore& store) : store_(store) {}

  absl::Status Run(const std::string& destination, const std::string& consumer, const Send& send,
                   const Stopped& stopped);

 private:
  store::CaseStore& store_;
};

// Consumer names end up in Redis and logs: letters, digits and . _ - : only.
absl::Status ValidateConsumer(const std::string& consumer);

}  // namespace liandong::dispatch
