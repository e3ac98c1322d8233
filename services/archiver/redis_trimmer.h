#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "archiver_metrics.h"
#include "store/keys.h"
#include "store/redis_client.h"

namespace liandong::archiver {

struct TrimConfig {
  std::string archiver_group = "archiver";
  absl::Duration interval = absl::Seconds(60);
  // ld:events keeps at least this much history even when archived: the feedback service's KPI
  // gauges and attention list read recent events from Redis.
  absl::Duration events_keep = absl::Hours(25);
  // Outcome streams keep this long (a desk resumes from any id within it).
  absl::Duration outcomes_keep = absl::Hours(24 * 7);
};

// Keeps Redis bounded without losing work:
//  - ld:events below the archiver group's watermark (its oldest pending entry, else the last
//    entry it read) and older than events_keep; never an entry not yet archived;
//  - every ld:wo:<destination> below the oldest entry any of its groups still needs (pending
//    or unread); a stream without a group is left alone;
//  - ld:outcome:<side> older than outcomes_keep.
// It also sets the lag and Redis memory gauges.
class RedisTrimmer {
 public:
  RedisTrimmer(std::shared_ptr<store::RedisClient> redis, store::Keys keys, TrimConfig config,
               ArchiverMetrics& metrics)
      : redis_(std::move(redis)), keys_(std::move(keys)), config_(config), metrics_(metrics) {}
  ~RedisTrimmer() { Stop(); }

  void Start();
  void Stop();
  // One pass over every stream (also what the thread runs).
  absl::Status TrimOnce();

 private:
  // The lowest id a stream's groups still need, or "" when nothing may be trimmed.
  absl::StatusOr<std::string> OldestNeeded(const std::string& key, const std::string& only_group);
  absl::Status TrimBelow(const std::string& key, const std::string& min_id, const char* kind);
  absl::Status UpdateMemoryGauge();
  // Archiver replicas are named after their pods, so every restart leaves a consumer behind:
  // those with nothing pending and idle for an hour are deleted (XREADGROUP recreates one).
  absl::Status ForgetIdleConsumers();

  std::shared_ptr<store::RedisClient> redis_;
  store::Keys keys_;
  TrimConfig config_;
  ArchiverMetrics& metrics_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Stream ids compare as (ms, seq) pairs, not as strings.
bool StreamIdLess(const std::string& a, const std::string& b);

}  // namespace liandong::archiver
