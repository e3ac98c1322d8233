#pragma once

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "store/redis_client.h"

namespace liandong::store {

// Creates each stream's consumer group once per process rather than on every write: a writer
// that ensures the group before every XADD costs a round trip per order.
class StreamGroups {
 public:
  StreamGroups(RedisClient& redis, std::string group) : redis_(redis), group_(std::move(group)) {}
  absl::Status Ensure(const std::string& key);

 private:
  RedisClient& redis_;
  const std::string group_;
  absl::Mutex mu_;
  absl::flat_hash_set<std::string> ready_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liandong::store
