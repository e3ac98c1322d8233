#pragma once

#include <functional>

#include "absl/status/status.h"
#include "liandong/v1/feedback.pb.h"
#include "store/case_store.h"

namespace liandong::feedback {

// Streams outcomes of cases a side received (ld:outcome:<side>), from `after_id` on.
class OutcomeFeed {
 public:
  using Send = std::function<bool(const v1::Outcome&)>;
  using Stopped = std::function<bool()>;

  explicit OutcomeFeed(store::CaseStore& store) : store_(store) {}
  absl::Status Run(const v1::WatchOutcomesRequest& req, const Send& send, const Stopped& stopped);

 private:
  store::CaseStore& store_;
};

}  // namespace liandong::feedback
