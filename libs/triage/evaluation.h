#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "liandong/v1/common.pb.h"
#include "triage/labelled_calls.h"

namespace liandong::triage {

// What a classifier said about one labelled call.
struct RoutePrediction {
  v1::Disposition disposition = v1::DISPOSITION_UNSPECIFIED;
  std::string item;      // TRANSFER_12345, DIRECT_ANSWER: item; EMERGENCY_110: handover item
  std::string category;  // TRANSFER_12345, DIRECT_ANSWER: the item's category
  double confidence = 0;
};

// Route (disposition) accuracy, item accuracy on TRANSFER_12345 rows, per-disposition
// precision and recall, emergency recall, handover accuracy, calibration and the worst
// confusions of one run over a labelled set.
class EvaluationReport {
 public:
  void Add(const LabelledCall& gold, const RoutePrediction& predicted);

  int rows() const { return rows_; }
  double route_accuracy() const;
  // Rows labelled TRANSFER_12345 that were predicted TRANSFER_12345 with the same item.
  double item_accuracy() const;
  double emergency_recall() const;
  int emergencies() const { return gold_count(v1::EMERGENCY_110); }
  int emergencies_missed() const;
  double precision(v1::Disposition d) const;
  double recall(v1::Disposition d) const;
  int gold_count(v1::Disposition d) const;
  double expected_calibration_error() const;

  // A fixed-layout text report; `per_second` > 0 adds the throughput line; `show_rows` lists
  // the missed emergencies with their texts (never for a blind set).
  std::string Format(const std::string& title, int worst_confusions, double per_second,
                     bool show_rows = true) const;

 private:
  struct Miss {
    std::string id, text, gold, predicted;
  };
  int rows_ = 0;
  int route_right_ = 0;
  int transfer_rows_ = 0, item_right_ = 0;
  int answer_rows_ = 0, answer_item_right_ = 0;  // DIRECT_ANSWER rows with an item
  int category_rows_ = 0, category_right_ = 0;   // 12345 rows with a category
  int false_alarms_ = 0;                         // non-emergencies sent to 110
  int handover_rows_ = 0, handover_right_ = 0;
  std::map<v1::Disposition, int> gold_, predicted_, right_;
  std::map<std::pair<std::string, std::string>, int> confusions_;  // (gold, predicted) labels
  std::vector<Miss> missed_emergencies_;
  std::vector<double> confidence_;
  std::vector<bool> correct_;
};

}  // namespace liandong::triage
