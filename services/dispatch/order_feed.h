#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "dispatcher.h"
#include "liandong/v1/dispatch.pb.h"
#include "store/case_store.h"
#include "store/streams.h"

namespace liandong::dispatch {

// Streams a destination's orders to one consumer of its group: first the consumer's own
// pending (delivered, unsigned) entries, then new ones as they arrive, and every entry another
// consumer left unsigned past the visibility timeout (XAUTOCLAIM). An entry delivered more than
// max_deliveries times goes to the dead-letter stream instead.
class OrderFeed {
 public:
  using Send = std::function<bool(const v1::OrderDelivery&)>;  // false: the client is gone
  using Stopped = std::function<bool()>;                       // cancelled or shutting down

  OrderFeed(store::CaseStore& store, Dispatcher& dispatcher)
      : store_(store), dispatcher_(dispatcher) {}

  absl::Status Run(const std::string& destination, const std::string& consumer, const Send& send,
                   const Stopped& stopped);

 private:
  // The subscription proper; Run releases what the consumer holds once this returns.
  absl::Status Serve(store::RedisConnection& conn, const std::string& key,
                     const std::string& consumer, const Send& send, const Stopped& stopped);
  // Delivers a batch; on a client that is gone, hands the undelivered rest back (see Release)
  // and returns false.
  bool DeliverAll(store::RedisConnection& conn, const std::string& key,
                  const std::vector<store::StreamEntry>& entries,
                  const std::map<std::string, int64_t>& counts, bool redelivery, const Send& send,
                  const Stopped& stopped);
  // Makes entries this consumer took but could not hand over claimable by any other replica at
  // once (their idle time is set past the visibility timeout), instead of after it.
  void Release(store::RedisConnection& conn, const std::string& key,
               const std::vector<store::StreamEntry>& entries, size_t from,
               const std::map<std::string, int64_t>& counts);
  // Hands every entry this consumer holds unsigned to the other replicas at once: called when
  // its subscriber has gone (cancelled, or dropped by keepalive), so a stalled desk's orders
  // do not wait out the visibility timeout.
  void ReleaseAllPending(store::RedisConnection& conn, const std::string& key,
                         const std::string& consumer);
  // How many more entries this consumer may take now (max_in_flight less what it holds).
  absl::StatusOr<int> Room(store::RedisConnection& conn, const std::string& key,
                           const std::string& consumer);
  // Delivers or dead-letters one entry; false when the client is gone.
  bool Deliver(const std::string& key, const store::StreamEntry& entry, int64_t deliveries,
               bool redelivery, const Send& send);

  store::CaseStore& store_;
  Dispatcher& dispatcher_;
};

// Consumer names end up in Redis and logs: letters, digits and . _ - : only.
absl::Status ValidateConsumer(const std::string& consumer);

}  // namespace liandong::dispatch
