#pragma once

#include <string>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "store/redis_client.h"

namespace liandong::store {

// Creates each stream's consumer group at most once a `recheck` per stream rather than on
// every write (a round trip per order). The recheck bounds how long a Redis that lost its data
// runs without the group.
class StreamGroups {
 public:
  StreamGroups(RedisClient& redis, std::string group, absl::Duration recheck = absl::Seconds(60))
      : redis_(redis), group_(std::move(group)), recheck_(recheck) {}
  absl::Status Ensure(const std::string& key);

 private:
  RedisClient& redis_;
  const std::string group_;
  const absl::Duration recheck_;
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, absl::Time> ensured_at_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liandong::store
