#include "redis_trimmer.h"

#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"

namespace liandong::archiver {
namespace {

std::pair<uint64_t, uint64_t> SplitId(const std::string& id) {
  std::pair<std::string, std::string> parts = absl::StrSplit(id, absl::MaxSplits('-', 1));
  uint64_t ms = 0, seq = 0;
  (void)absl::SimpleAtoi(parts.first, &ms);
  (void)absl::SimpleAtoi(parts.second, &seq);
  return {ms, seq};
}

// XINFO replies are flat [name, value, …] arrays.
const store::RedisReply* InfoField(const store::RedisReply& info, const std::string& name) {
  for (size_t i = 0; i + 1 < info.elements.size(); i += 2) {
    if (info.elements[i].str == name) return &info.elements[i + 1];
  }
  return nullptr;
}

std::string MinIdAt(absl::Time t) { return absl::StrCat(absl::ToUnixMillis(t), "-0"); }

}  // namespace

bool StreamIdLess(const std::string& a, const std::string& b) { return SplitId(a) < SplitId(b); }

void RedisTrimmer::Start() {
  thread_ = std::thread([this] {
    while (!stop_) {
      absl::Status st = TrimOnce();
      if (!st.ok()) std::cerr << "archiver: trim: " << st << std::endl;
      const absl::Time until = absl::Now() + config_.interval;
      while (!stop_ && absl::Now() < until) absl::SleepFor(absl::Milliseconds(50));
    }
  });
}

void RedisTrimmer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

absl::StatusOr<std::string> RedisTrimmer::OldestNeeded(const std::string& key,
                                                       const std::string& only_group) {
  auto groups = redis_->Command({"XINFO", "GROUPS", key});
  if (!groups.ok()) {
    // A stream that does not exist (yet) has nothing to trim.
    if (absl::StrContains(groups.status().message(), "no such key")) return std::string();
    return groups.status();
  }
  std::string needed;
  bool found = false;
  for (const auto& g : groups->elements) {
    const auto* name = InfoField(g, "name");
    if (name == nullptr || (!only_group.empty() && name->str != only_group)) continue;
    const auto* pending = InfoField(g, "pending");
    const auto* last = InfoField(g, "last-delivered-id");
    if (pending == nullptr || last == nullptr) continue;
    std::string group_needs = last->str;  // everything after it is unread; it may stay
    if (pending->integer > 0) {
      LD_ASSIGN_OR_RETURN(auto summary, redis_->Command({"XPENDING", key, name->str}));
      if (summary.elements.size() >= 2 && !summary.elements[1].is_nil()) {
        group_needs = summary.elements[1].str;  // the oldest entry still unacknowledged
      }
    }
    if (key == keys_.Events() && name->str == config_.archiver_group) {
      const auto* lag = InfoField(g, "lag");
      metrics_.lag_entries.Set(static_cast<double>(pending->integer) +
                               (lag != nullptr && lag->type == store::RedisReply::Type::kInteger
                                    ? static_cast<double>(lag->integer)
                                    : 0.0));
    }
    if (!found || StreamIdLess(group_needs, needed)) needed = group_needs;
    found = true;
  }
  return found ? needed : std::string();
}

absl::Status RedisTrimmer::TrimBelow(const std::string& key, const std::string& min_id,
                                     const char* kind) {
  if (min_id.empty() || min_id == "0-0") return absl::OkStatus();
  LD_ASSIGN_OR_RETURN(auto trimmed, redis_->Command({"XTRIM", key, "MINID", min_id}));
  if (trimmed.integer > 0)
    metrics_.trimmed.Add({{"stream", kind}}).Increment(static_cast<double>(trimmed.integer));
  return absl::OkStatus();
}

absl::Status RedisTrimmer::UpdateMemoryGauge() {
  LD_ASSIGN_OR_RETURN(auto info, redis_->Command({"INFO", "memory"}));
  double used = 0, max = 0;
  for (absl::string_view line : absl::StrSplit(info.str, "\r\n")) {
    std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(line, ':');
    if (kv.first == "used_memory") (void)absl::SimpleAtod(kv.second, &used);
    if (kv.first == "maxmemory") (void)absl::SimpleAtod(kv.second, &max);
  }
  metrics_.redis_memory_ratio.Set(max > 0 ? used / max : 0);
  return absl::OkStatus();
}

absl::Status RedisTrimmer::ForgetIdleConsumers() {
  auto consumers = redis_->Command({"XINFO", "CONSUMERS", keys_.Events(), config_.archiver_group});
  if (!consumers.ok()) return absl::OkStatus();  // no stream or group yet
  for (const auto& c : consumers->elements) {
    const auto* name = InfoField(c, "name");
    const auto* pending = InfoField(c, "pending");
    const auto* idle = InfoField(c, "idle");
    if (name == nullptr || pending == nullptr || idle == nullptr) continue;
    if (pending->integer == 0 && idle->integer > 3600 * 1000) {
      LD_ASSIGN_OR_RETURN(auto deleted, redis_->Command({"XGROUP", "DELCONSUMER", keys_.Events(),
                                                         config_.archiver_group, name->str}));
      (void)deleted;
    }
  }
  return absl::OkStatus();
}

absl::Status RedisTrimmer::TrimOnce() {
  const absl::Time now = absl::Now();
  // ld:events: only what the archiver has acknowledged, and older than events_keep.
  LD_ASSIGN_OR_RETURN(std::string archived, OldestNeeded(keys_.Events(), config_.archiver_group));
  if (!archived.empty()) {
    const std::string keep = MinIdAt(now - config_.events_keep);
    LD_RETURN_IF_ERROR(
        TrimBelow(keys_.Events(), StreamIdLess(keep, archived) ? keep : archived, "events"));
  }
  // Work-order and outcome streams, found by their prefixes.
  const std::string orders = keys_.WorkOrders("");
  const std::string outcomes = keys_.Outcomes(v1::SIDE_110);
  const std::string outcome_prefix = outcomes.substr(0, outcomes.rfind(':') + 1);
  std::string cursor = "0";
  do {
    LD_ASSIGN_OR_RETURN(auto page, redis_->Command({"SCAN", cursor, "MATCH", keys_.prefix() + "*",
                                                    "TYPE", "stream", "COUNT", "1000"}));
    if (page.elements.size() < 2) break;
    cursor = page.elements[0].str;
    for (const auto& k : page.elements[1].elements) {
      if (k.str.rfind(orders, 0) == 0) {
        LD_ASSIGN_OR_RETURN(std::string needed, OldestNeeded(k.str, ""));
        LD_RETURN_IF_ERROR(TrimBelow(k.str, needed, "orders"));
      } else if (k.str.rfind(outcome_prefix, 0) == 0) {
        LD_RETURN_IF_ERROR(TrimBelow(k.str, MinIdAt(now - config_.outcomes_keep), "outcomes"));
      }
    }
  } while (cursor != "0" && !stop_);
  LD_RETURN_IF_ERROR(ForgetIdleConsumers());
  return UpdateMemoryGauge();
}

}  // namespace liandong::archiver
