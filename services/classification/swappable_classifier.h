#pragma once

#include <memory>

#include "absl/base/thread_annotations.h"
#include "absl/synchronization/mutex.h"
#include "triage/classifier.h"

namespace liandong::classification {

// The classifier in use, replaced whole when the rule table reloads; calls in flight finish
// on the one they started with.
class SwappableClassifier : public triage::Classifier {
 public:
  explicit SwappableClassifier(std::shared_ptr<const triage::Classifier> initial)
      : current_(std::move(initial)) {}

  void Swap(std::shared_ptr<const triage::Classifier> next) {
    absl::MutexLock lock(&mu_);
    current_ = std::move(next);
  }

  v1::Triage Classify(v1::Side side, v1::Channel channel, absl::string_view text) const override {
    return Current()->Classify(side, channel, text);
  }
  v1::Triage ClassifyRoute(v1::Side side, v1::Channel channel,
                           absl::string_view text) const override {
    return Current()->ClassifyRoute(side, channel, text);
  }
  v1::Triage ClassifyPost(v1::Side side, v1::Channel channel, absl::string_view title,
                          absl::string_view body) const override {
    return Current()->ClassifyPost(side, channel, title, body);
  }
  v1::Triage ClassifyPostRoute(v1::Side side, v1::Channel channel, absl::string_view title,
                               absl::string_view body) const override {
    return Current()->ClassifyPostRoute(side, channel, title, body);
  }

 private:
  std::shared_ptr<const triage::Classifier> Current() const {
    absl::MutexLock lock(&mu_);
    return current_;
  }

  mutable absl::Mutex mu_;
  std::shared_ptr<const triage::Classifier> current_ ABSL_GUARDED_BY(mu_);
};

}  // namespace liandong::classification
