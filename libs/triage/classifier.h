#pragma once

#include "absl/strings/string_view.h"
#include "liandong/v1/common.pb.h"

namespace liandong::triage {

// Turns a call text into a suggested triage. Implementations are immutable after
// construction and safe to call from many threads.
class Classifier {
 public:
  virtual ~Classifier() = default;
  virtual v1::Triage Classify(v1::Side side, v1::Channel channel, absl::string_view text) const = 0;
  // The same decision without evidence and alternatives (batch runs print only the route).
  virtual v1::Triage ClassifyRoute(v1::Side side, v1::Channel channel,
                                   absl::string_view text) const {
    return Classify(side, channel, text);
  }
};

}  // namespace liandong::triage
