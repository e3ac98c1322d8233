#pragma once

#include <string>
#include <vector>

#include "liandong/v1/triage.pb.h"
#include "triage/features.h"

namespace liandong::triage {

v1::LinearParams DefaultLinearParams();

// Fits the linear model: TF-IDF over character n-grams (sublinear tf, smoothed idf, L2 norm)
// and, per label, an L2-regularised L2-loss linear SVM against all other labels, solved by
// dual coordinate descent (Hsieh et al. 2008, liblinear's default). Deterministic: the visit
// order comes from a seeded mt19937 and our own shuffle.
v1::LinearModelProto FitLinear(const std::vector<std::vector<Token>>& docs,
                               const std::vector<int>& labels,
                               const std::vector<std::string>& label_names,
                               const v1::LinearParams& params);

}  // namespace liandong::triage
