#pragma once

#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "store/redis_client.h"

namespace liandong::store {

struct StreamEntry {
  std::string id;
  std::vector<std::pair<std::string, std::string>> fields;
  // Value of a field, "" when absent.
  std::string Field(const std::string& name) const;
};

// Creates the consumer group (from the start of the stream, creating the stream) unless it exists.
absl::Status EnsureGroup(RedisClient& redis, const std::string& key, const std::string& group);

// Entries of an XREAD / XREADGROUP reply for one stream (empty on a nil reply).
std::vector<StreamEntry> ParseStreamRead(const RedisReply& reply);
// Entries of an XRANGE reply.
std::vector<StreamEntry> ParseEntries(const RedisReply& entries);

}  // namespace liandong::store
