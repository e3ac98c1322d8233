#pragma once

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "store/redis_client.h"

namespace liandong::store {

// Redis's own clock (TIME): the one clock all replicas share, for deadlines that must not
// depend on which replica's clock reads them.
absl::StatusOr<absl::Time> ServerTime(RedisClient& redis);

}  // namespace liandong::store
