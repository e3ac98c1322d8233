#include "store/server_time.h"

#include "absl/strings/numbers.h"

namespace liandong::store {

absl::StatusOr<absl::Time> ServerTime(RedisClient& redis) {
  auto reply = redis.Command({"TIME"});
  if (!reply.ok()) return reply.status();
  int64_t seconds = 0, micros = 0;
  if (reply->elements.size() != 2 || !absl::SimpleAtoi(reply->elements[0].str, &seconds) ||
      !absl::SimpleAtoi(reply->elements[1].str, &micros)) {
    return absl::InternalError("redis: TIME returned an unexpected reply");
  }
  return absl::FromUnixSeconds(seconds) + absl::Microseconds(micros);
}

}  // namespace liandong::store
