#include "store/stream_groups.h"

#include "store/streams.h"

namespace liandong::store {

absl::Status StreamGroups::Ensure(const std::string& key) {
  {
    absl::MutexLock lock(&mu_);
    if (ready_.contains(key)) return absl::OkStatus();
  }
  absl::Status st = EnsureGroup(redis_, key, group_);
  if (st.ok()) {
    absl::MutexLock lock(&mu_);
    ready_.insert(key);
  }
  return st;
}

}  // namespace liandong::store
