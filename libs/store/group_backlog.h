#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "store/redis_client.h"

namespace liandong::store {

// What waits on one stream for one consumer group: `pending` was delivered and not yet
// acknowledged (signed for or returned), `lag` was never delivered (unread). Orders wait in
// both, so a destination's backlog is their sum.
struct GroupBacklog {
  int64_t pending = 0;
  int64_t lag = 0;
  int64_t backlog() const { return pending + lag; }
};

// From XINFO GROUPS (Redis 7). When Redis cannot tell the lag (entries deleted in the middle of
// the stream), counts the entries after the group's last delivered id instead. A stream
// without the group (nobody subscribed yet) has every entry unread; no stream: all zero.
absl::StatusOr<GroupBacklog> ReadGroupBacklog(RedisClient& redis, const std::string& key,
                                              const std::string& group);

}  // namespace liandong::store
