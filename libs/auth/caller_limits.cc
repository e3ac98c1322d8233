#include "auth/caller_limits.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace liandong::auth {

absl::StatusOr<std::unique_ptr<CallerLimits::StreamSlot>> CallerLimits::OpenStream(
    const std::string& subject) {
  std::lock_guard<std::mutex> lock(mu_);
  int& mine = streams_by_caller_[subject];
  if (mine >= options_.max_streams_per_caller) {
    return absl::ResourceExhaustedError(absl::StrCat("at most ", options_.max_streams_per_caller,
                                                     " open streams per caller; close one first"));
  }
  if (open_streams_ >= options_.max_streams) {
    return absl::ResourceExhaustedError("the server has no stream slot left; retry later");
  }
  ++mine;
  ++open_streams_;
  return std::make_unique<StreamSlot>(this, subject);
}

void CallerLimits::Release(const std::string& subject) {
  std::lock_guard<std::mutex> lock(mu_);
  if (--streams_by_caller_[subject] <= 0) streams_by_caller_.erase(subject);
  --open_streams_;
}

absl::Status CallerLimits::Admit(const std::string& subject, absl::Time now) {
  std::lock_guard<std::mutex> lock(mu_);
  Bucket& b = buckets_[subject];
  if (b.updated == absl::InfinitePast()) b.tokens = options_.burst;
  const double refill =
      std::max(0.0, absl::ToDoubleSeconds(now - b.updated)) * options_.requests_per_second;
  b.tokens = std::min(options_.burst, b.tokens + (b.updated == absl::InfinitePast() ? 0 : refill));
  b.updated = now;
  if (b.tokens < 1) {
    return absl::ResourceExhaustedError(
        absl::StrCat("over ", options_.requests_per_second, " requests/s for this caller"));
  }
  b.tokens -= 1;
  if (buckets_.size() > 100000) buckets_.clear();  // bounded memory under a token flood
  return absl::OkStatus();
}

}  // namespace liandong::auth
