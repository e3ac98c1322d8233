#include "triage/calibration.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace liandong::triage {

std::vector<double> Calibrate(const std::vector<double>& log_probs, double temperature) {
  std::vector<double> p(log_probs.size());
  if (p.empty()) return p;
  const double top = *std::max_element(log_probs.begin(), log_probs.end());
  double sum = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    p[i] = std::exp((log_probs[i] - top) / temperature);
    sum += p[i];
  }
  for (double& v : p) v /= sum;
  return p;
}

double FitTemperature(const std::vector<std::vector<double>>& log_probs,
                      const std::vector<int>& gold) {
  double best_t = 1.0;
  double best_nll = std::numeric_limits<double>::infinity();
  // A geometric grid is enough for one parameter and keeps training deterministic.
  for (double t = 0.02; t <= 6.0; t *= 1.05) {
    double nll = 0;
    for (size_t r = 0; r < log_probs.size(); ++r) {
      const std::vector<double> p = Calibrate(log_probs[r], t);
      nll -= std::log(std::max(p[gold[r]], 1e-12));
    }
    if (nll < best_nll) {
      best_nll = nll;
      best_t = t;
    }
  }
  return best_t;
}

double ExpectedCalibrationError(const std::vector<double>& confidence,
                                const std::vector<bool>& correct, int bins) {
  if (confidence.empty()) return 0;
  std::vector<double> conf_sum(bins, 0), acc_sum(bins, 0);
  std::vector<int> count(bins, 0);
  for (size_t i = 0; i < confidence.size(); ++i) {
    const int b = std::min(bins - 1, static_cast<int>(confidence[i] * bins));
    conf_sum[b] += confidence[i];
    acc_sum[b] += correct[i] ? 1 : 0;
    ++count[b];
  }
  double ece = 0;
  for (int b = 0; b < bins; ++b) {
    if (count[b] == 0) continue;
    ece += std::abs(conf_sum[b] - acc_sum[b]) / static_cast<double>(confidence.size());
  }
  return ece;
}

}  // namespace liandong::triage
