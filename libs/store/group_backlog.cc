#include "store/group_backlog.h"

#include "absl/strings/str_cat.h"

namespace liandong::store {
namespace {

// Bounds the fallback count when Redis reports no lag.
constexpr char kCountLimit[] = "100000";

}  // namespace

absl::StatusOr<GroupBacklog> ReadGroupBacklog(RedisClient& redis, const std::string& key,
                                              const std::string& group) {
  GroupBacklog out;
  auto length = redis.Command({"XLEN", key});
  if (!length.ok()) return length.status();
  if (length->integer == 0) return out;
  auto groups = redis.Command({"XINFO", "GROUPS", key});
  if (!groups.ok()) return groups.status();
  for (const auto& g : groups->elements) {
    // [name, n, consumers, n, pending, n, last-delivered-id, id, entries-read, n, lag, n|nil]
    std::string name, last_delivered;
    bool lag_known = false;
    GroupBacklog found;
    for (size_t i = 0; i + 1 < g.elements.size(); i += 2) {
      const std::string& field = g.elements[i].str;
      const RedisReply& value = g.elements[i + 1];
      if (field == "name") name = value.str;
      if (field == "pending") found.pending = value.integer;
      if (field == "last-delivered-id") last_delivered = value.str;
      if (field == "lag" && value.type == RedisReply::Type::kInteger) {
        found.lag = value.integer;
        lag_known = true;
      }
    }
    if (name != group) continue;
    if (!lag_known) {
      auto after = redis.Command(
          {"XRANGE", key, absl::StrCat("(", last_delivered), "+", "COUNT", kCountLimit});
      if (!after.ok()) return after.status();
      found.lag = static_cast<int64_t>(after->elements.size());
    }
    return found;
  }
  out.lag = length->integer;  // no group yet: nothing was ever delivered
  return out;
}

}  // namespace liandong::store
