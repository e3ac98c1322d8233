// What comes back from Redis: any bytes through hiredis' protocol reader, our reply
// conversion, stream-entry parsing and the work order an entry carries.
#include <hiredis/hiredis.h>

#include <cstdint>
#include <string>

#include "liandong/v1/common.pb.h"
#include "store/redis_reply.h"
#include "store/streams.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  redisReader* reader = redisReaderCreate();
  redisReaderFeed(reader, reinterpret_cast<const char*>(data), size);
  void* raw = nullptr;
  while (redisReaderGetReply(reader, &raw) == REDIS_OK && raw != nullptr) {
    const auto reply = liandong::store::RedisReply::From(static_cast<redisReply*>(raw));
    freeReplyObject(raw);
    raw = nullptr;
    for (const auto& entry : liandong::store::ParseStreamRead(reply)) {
      liandong::v1::WorkOrder order;
      (void)order.ParseFromString(entry.Field("order"));
    }
    (void)liandong::store::ParseEntries(reply);
  }
  redisReaderFree(reader);
  return 0;
}
