#pragma once

#include <string>

#include "absl/strings/str_cat.h"
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
  // An online post: a title and a body. By default the title is read as the text's first
  // sentence; the triage engine also weights it above the body's sentences.
  virtual v1::Triage ClassifyPost(v1::Side side, v1::Channel channel, absl::string_view title,
                                  absl::string_view body) const {
    return title.empty() ? Classify(side, channel, body)
                         : Classify(side, channel, absl::StrCat(title, "。", body));
  }
  virtual v1::Triage ClassifyPostRoute(v1::Side side, v1::Channel channel, absl::string_view title,
                                       absl::string_view body) const {
    return title.empty() ? ClassifyRoute(side, channel, body)
                         : ClassifyRoute(side, channel, absl::StrCat(title, "。", body));
  }
};

}  // namespace liandong::triage
