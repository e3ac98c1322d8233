#include "triage/evaluation.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/enums.h"
#include "triage/calibration.h"

namespace liandong::triage {
namespace {

double Ratio(int a, int b) { return b == 0 ? 0.0 : static_cast<double>(a) / b; }

std::string RouteName(v1::Disposition d, const std::string& item) {
  if (d == v1::TRANSFER_12345) return absl::StrCat("TRANSFER_12345/", item);
  return DispositionLabel(d);
}

constexpr v1::Disposition kDispositions[] = {v1::EMERGENCY_110, v1::POLICE_110, v1::TRANSFER_12345,
                                             v1::DIRECT_ANSWER, v1::JOINT,      v1::INVALID,
                                             v1::OUT_OF_SCOPE};

}  // namespace

void EvaluationReport::Add(const LabelledCall& gold, const RoutePrediction& predicted) {
  ++rows_;
  ++gold_[gold.disposition];
  ++predicted_[predicted.disposition];
  const bool route_right = gold.disposition == predicted.disposition;
  if (route_right) {
    ++route_right_;
    ++right_[gold.disposition];
  }
  bool fully_right = route_right;
  if (gold.disposition == v1::TRANSFER_12345 && !gold.item.empty()) {
    ++transfer_rows_;
    const bool item_right = route_right && predicted.item == gold.item;
    item_right_ += item_right ? 1 : 0;
    fully_right = item_right;
  }
  if (gold.disposition == v1::DIRECT_ANSWER && !gold.item.empty()) {
    ++answer_rows_;
    answer_item_right_ += route_right && predicted.item == gold.item ? 1 : 0;
  }
  if ((gold.disposition == v1::TRANSFER_12345 || gold.disposition == v1::DIRECT_ANSWER) &&
      !gold.category.empty()) {
    // Reached 12345 (a transfer or an answer) about the right category.
    ++category_rows_;
    const bool to_12345 =
        predicted.disposition == v1::TRANSFER_12345 || predicted.disposition == v1::DIRECT_ANSWER;
    category_right_ += to_12345 && predicted.category == gold.category ? 1 : 0;
  }
  if (gold.disposition == v1::TRANSFER_12345 && gold.item.empty()) {
    fully_right = route_right && predicted.category == gold.category;
  }
  if (gold.disposition != v1::EMERGENCY_110 && predicted.disposition == v1::EMERGENCY_110) {
    ++false_alarms_;
  }
  if (gold.disposition == v1::EMERGENCY_110 && !gold.item.empty()) {
    ++handover_rows_;
    handover_right_ += route_right && predicted.item == gold.item ? 1 : 0;
  }
  if (gold.disposition == v1::EMERGENCY_110 && !route_right) {
    missed_emergencies_.push_back(
        {gold.id, gold.text, "EMERGENCY_110", RouteName(predicted.disposition, predicted.item)});
  }
  const std::string g = RouteName(gold.disposition, gold.item);
  const std::string p = RouteName(predicted.disposition, predicted.item);
  if (!fully_right) ++confusions_[{g, p}];
  confidence_.push_back(predicted.confidence);
  correct_.push_back(fully_right);
}

double EvaluationReport::route_accuracy() const { return Ratio(route_right_, rows_); }
double EvaluationReport::item_accuracy() const { return Ratio(item_right_, transfer_rows_); }
double EvaluationReport::emergency_recall() const {
  return Ratio(right_.count(v1::EMERGENCY_110) ? right_.at(v1::EMERGENCY_110) : 0,
               gold_count(v1::EMERGENCY_110));
}
int EvaluationReport::emergencies_missed() const {
  return static_cast<int>(missed_emergencies_.size());
}
int EvaluationReport::gold_count(v1::Disposition d) const {
  return gold_.count(d) ? gold_.at(d) : 0;
}
double EvaluationReport::precision(v1::Disposition d) const {
  return Ratio(right_.count(d) ? right_.at(d) : 0, predicted_.count(d) ? predicted_.at(d) : 0);
}
double EvaluationReport::recall(v1::Disposition d) const {
  return Ratio(right_.count(d) ? right_.at(d) : 0, gold_count(d));
}
double EvaluationReport::expected_calibration_error() const {
  return ExpectedCalibrationError(confidence_, correct_);
}

std::string EvaluationReport::Format(const std::string& title, int worst_confusions,
                                     double per_second, bool show_rows) const {
  std::string out = absl::StrCat("== ", title, " ==\n");
  absl::StrAppendFormat(&out, "rows                 %d\n", rows_);
  absl::StrAppendFormat(&out, "route accuracy       %.4f  (%d/%d)\n", route_accuracy(),
                        route_right_, rows_);
  absl::StrAppendFormat(&out, "item accuracy        %.4f  (%d/%d TRANSFER_12345 rows)\n",
                        item_accuracy(), item_right_, transfer_rows_);
  absl::StrAppendFormat(&out, "emergency recall     %.4f  (%d/%d)\n", emergency_recall(),
                        emergencies() - emergencies_missed(), emergencies());
  absl::StrAppendFormat(&out,
                        "answer items         %.4f  (%d/%d DIRECT_ANSWER rows with an item)\n",
                        Ratio(answer_item_right_, answer_rows_), answer_item_right_, answer_rows_);
  absl::StrAppendFormat(&out, "12345, right category %.4f  (%d/%d TRANSFER/DIRECT_ANSWER rows)\n",
                        Ratio(category_right_, category_rows_), category_right_, category_rows_);
  absl::StrAppendFormat(&out, "EMERGENCY false alarms %.4f  (%d/%d rows)\n",
                        Ratio(false_alarms_, rows_), false_alarms_, rows_);
  absl::StrAppendFormat(&out, "JOINT share          %.4f  (%d/%d rows)\n",
                        Ratio(predicted_.count(v1::JOINT) ? predicted_.at(v1::JOINT) : 0, rows_),
                        predicted_.count(v1::JOINT) ? predicted_.at(v1::JOINT) : 0, rows_);
  absl::StrAppendFormat(&out, "handover items       %d/%d emergencies with a handover item\n",
                        handover_right_, handover_rows_);
  const bool has_confidence =
      std::any_of(confidence_.begin(), confidence_.end(), [](double c) { return c > 0; });
  if (has_confidence) {
    absl::StrAppendFormat(&out, "calibration (ECE)    %.4f\n", expected_calibration_error());
  } else {
    absl::StrAppend(&out, "calibration (ECE)    n/a (no confidences given)\n");
  }
  if (per_second > 0)
    absl::StrAppendFormat(&out, "throughput           %.0f calls/s\n", per_second);
  absl::StrAppendFormat(&out, "%-16s %9s %9s %6s %6s\n", "disposition", "precision", "recall",
                        "gold", "pred");
  for (v1::Disposition d : kDispositions) {
    absl::StrAppendFormat(&out, "%-16s %9.3f %9.3f %6d %6d\n", DispositionLabel(d), precision(d),
                          recall(d), gold_count(d), predicted_.count(d) ? predicted_.at(d) : 0);
  }
  std::vector<std::pair<int, std::pair<std::string, std::string>>> worst;
  for (const auto& [pair, n] : confusions_) worst.push_back({n, pair});
  std::stable_sort(worst.begin(), worst.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  absl::StrAppend(&out, "worst confusions (gold -> predicted):\n");
  for (int i = 0; i < static_cast<int>(worst.size()) && i < worst_confusions; ++i) {
    absl::StrAppendFormat(&out, "  %3d  %s -> %s\n", worst[i].first, worst[i].second.first,
                          worst[i].second.second);
  }
  for (const Miss& m : missed_emergencies_) {
    if (!show_rows) break;
    absl::StrAppendFormat(&out, "MISSED EMERGENCY %s -> %s: %s\n", m.id, m.predicted, m.text);
  }
  return out;
}

}  // namespace liandong::triage
