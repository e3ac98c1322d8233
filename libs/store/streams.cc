#include "store/streams.h"

namespace liandong::store {

std::string StreamEntry::Field(const std::string& name) const {
  for (const auto& [f, v] : fields) {
    if (f == name) return v;
  }
  return "";
}

absl::Status EnsureGroup(RedisClient& redis, const std::string& key, const std::string& group) {
  // BUSYGROUP (it exists) is the usual answer, not an error: it must not count as one.
  auto reply =
      redis.CommandExpecting({"XGROUP", "CREATE", key, group, "0", "MKSTREAM"}, "BUSYGROUP");
  return reply.ok() ? absl::OkStatus() : reply.status();
}

std::vector<StreamEntry> ParseEntries(const RedisReply& entries) {
  std::vector<StreamEntry> out;
  for (const auto& e : entries.elements) {
    // A deleted entry still pending shows as [id, nil].
    if (e.elements.size() < 2) continue;
    StreamEntry entry;
    entry.id = e.elements[0].str;
    const auto& kv = e.elements[1].elements;
    for (size_t i = 0; i + 1 < kv.size(); i += 2)
      entry.fields.emplace_back(kv[i].str, kv[i + 1].str);
    out.push_back(std::move(entry));
  }
  return out;
}

std::vector<StreamEntry> ParseStreamRead(const RedisReply& reply) {
  if (!reply.is_array() || reply.elements.empty()) return {};
  const RedisReply& stream = reply.elements[0];
  if (stream.elements.size() < 2) return {};
  return ParseEntries(stream.elements[1]);
}

}  // namespace liandong::store
