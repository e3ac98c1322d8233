#include "classification_metrics.h"

#include "common/enums.h"

namespace liandong::classification {

ClassificationMetrics::ClassificationMetrics(prometheus::Registry& registry)
    : classifications_(prometheus::BuildCounter()
                           .Name("liandong_classification_classifications_total")
                           .Help("Suggestions made, by disposition")
                           .Register(registry)),
      needs_review_(prometheus::BuildCounter()
                        .Name("liandong_classification_needs_review_total")
                        .Help("Suggestions below the review threshold")
                        .Register(registry)
                        .Add({})),
      confidence_(prometheus::BuildHistogram()
                      .Name("liandong_classification_confidence")
                      .Help("Confidence of the suggestions (0..1)")
                      .Register(registry)
                      .Add({}, prometheus::Histogram::BucketBoundaries{
                                   0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0})) {}

void ClassificationMetrics::Observe(const v1::Triage& t) {
  classifications_.Add({{"disposition", DispositionLabel(t.disposition())}}).Increment();
  if (t.needs_review()) needs_review_.Increment();
  confidence_.Observe(t.confidence());
}

}  // namespace liandong::classification
