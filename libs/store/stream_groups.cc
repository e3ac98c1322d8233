#include "store/stream_groups.h"

#include "store/streams.h"

namespace liandong::store {

absl::Status StreamGroups::Ensure(const std::string& key) {
  const absl::Time now = absl::Now();
  {
    absl::MutexLock lock(&mu_);
    auto it = ensured_at_.find(key);
    if (it != ensured_at_.end() && now - it->second < recheck_) return absl::OkStatus();
  }
  absl::Status st = EnsureGroup(redis_, key, group_);
  if (st.ok()) {
    absl::MutexLock lock(&mu_);
    ensured_at_[key] = now;
  }
  return st;
}

}  // namespace liandong::store
