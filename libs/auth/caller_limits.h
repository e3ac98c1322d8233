#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace liandong::auth {

struct LimitOptions {
  int max_streams = 32;              // open server streams in all, below the thread pool's size
  int max_streams_per_caller = 4;    // per token subject
  double requests_per_second = 200;  // per token subject, sustained
  double burst = 400;
};

// Per-identity limits, so that one caller (hostile or broken) cannot starve the others:
// a bounded number of open streams (each holds a server thread) and a token bucket of
// requests.
class CallerLimits {
 public:
  explicit CallerLimits(LimitOptions options) : options_(options) {}

  // Held while a stream is open; releases its slot when destroyed.
  class StreamSlot {
   public:
    StreamSlot(CallerLimits* owner, std::string subject)
        : owner_(owner), subject_(std::move(subject)) {}
    ~StreamSlot() { owner_->Release(subject_); }
    StreamSlot(const StreamSlot&) = delete;
    StreamSlot& operator=(const StreamSlot&) = delete;

   private:
    CallerLimits* owner_;
    std::string subject_;
  };

  // RESOURCE_EXHAUSTED when the caller or the server has no stream slot left.
  absl::StatusOr<std::unique_ptr<StreamSlot>> OpenStream(const std::string& subject);
  // RESOURCE_EXHAUSTED when the caller is over its request rate.
  absl::Status Admit(const std::string& subject, absl::Time now = absl::Now());

 private:
  void Release(const std::string& subject);
  struct Bucket {
    double tokens = 0;
    absl::Time updated = absl::InfinitePast();
  };
  LimitOptions options_;
  std::mutex mu_;
  int open_streams_ = 0;
  std::map<std::string, int> streams_by_caller_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace liandong::auth
