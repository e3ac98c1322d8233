#pragma once

#include <vector>

namespace liandong::triage {

// Temperature scaling: softmax(log p / T). T > 1 softens an over-confident model, T < 1
// sharpens an under-confident one; the ranking never changes.
std::vector<double> Calibrate(const std::vector<double>& log_probs, double temperature);

// The temperature that minimises the negative log-likelihood of the gold labels on a held-out
// set (each row: the model's log-probabilities and the index of the right label).
double FitTemperature(const std::vector<std::vector<double>>& log_probs,
                      const std::vector<int>& gold);

// Expected calibration error over `bins` equal-width confidence bins: how far, on average,
// the top confidence is from the accuracy of the rows that got it.
double ExpectedCalibrationError(const std::vector<double>& confidence,
                                const std::vector<bool>& correct, int bins = 10);

}  // namespace liandong::triage
