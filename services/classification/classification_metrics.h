#pragma once

#include "liandong/v1/common.pb.h"
#include "prometheus/counter.h"
#include "prometheus/histogram.h"
#include "prometheus/registry.h"

namespace liandong::classification {

// liandong_classification_classifications_total{disposition},
// liandong_classification_needs_review_total, liandong_classification_confidence (histogram).
class ClassificationMetrics {
 public:
  explicit ClassificationMetrics(prometheus::Registry& registry);
  void Observe(const v1::Triage& t);

 private:
  prometheus::Family<prometheus::Counter>& classifications_;
  prometheus::Counter& needs_review_;
  prometheus::Histogram& confidence_;
};

}  // namespace liandong::classification
