#include "triage/linear_trainer.h"

#include <algorithm>
#include <cmath>
#include <random>

#include "absl/container/flat_hash_map.h"
#include "triage/linear_model.h"
#include "triage/ngrams.h"

namespace liandong::triage {
namespace {

// Fisher–Yates with mt19937's fully specified output (std::shuffle's use of it is not).
void Shuffle(std::vector<int>& order, std::mt19937& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
}

// One label against the rest; writes column `label` of `weights` and bias[label].
void FitOneLabel(const std::vector<SparseVector>& x, const std::vector<int>& labels, int label,
                 const v1::LinearParams& p, int label_count, std::vector<float>* weights,
                 float* bias) {
  const size_t n = x.size();
  const double diag = 0.5 / p.c();  // L2-loss SVM: the dual's diagonal shift
  std::vector<double> alpha(n, 0.0), q(n);
  for (size_t i = 0; i < n; ++i) {
    double sq = 1.0;  // the bias feature
    for (const auto& e : x[i].entries) sq += static_cast<double>(e.second) * e.second;
    q[i] = sq + diag;
  }
  const size_t rows = weights->size() / label_count;
  std::vector<double> w(rows, 0.0);
  double b = 0;
  std::vector<int> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<int>(i);
  std::mt19937 rng(static_cast<uint32_t>(p.seed() + label));
  for (int pass = 0; pass < p.max_passes(); ++pass) {
    Shuffle(order, rng);
    double pg_max = -1e300, pg_min = 1e300;
    for (int i : order) {
      const double y = labels[i] == label ? 1.0 : -1.0;
      double wx = b;
      for (const auto& [row, v] : x[i].entries) wx += w[row] * v;
      const double g = y * wx - 1.0 + diag * alpha[i];
      const double pg = alpha[i] == 0 ? std::min(g, 0.0) : g;
      pg_max = std::max(pg_max, pg);
      pg_min = std::min(pg_min, pg);
      if (std::abs(pg) < 1e-12) continue;
      const double old = alpha[i];
      alpha[i] = std::max(alpha[i] - g / q[i], 0.0);
      const double d = (alpha[i] - old) * y;
      for (const auto& [row, v] : x[i].entries) w[row] += d * v;
      b += d;
    }
    if (pg_max - pg_min <= p.tolerance()) break;
  }
  for (size_t r = 0; r < rows; ++r) (*weights)[r * label_count + label] = static_cast<float>(w[r]);
  *bias = static_cast<float>(b);
}

}  // namespace

v1::LinearParams DefaultLinearParams() {
  v1::LinearParams p;
  p.set_max_ngram(2);
  p.set_min_df(1);
  p.set_c(1.0);
  p.set_max_passes(40);
  p.set_tolerance(0.1);
  p.set_seed(20261123);
  return p;
}

v1::LinearModelProto FitLinear(const std::vector<std::vector<Token>>& docs,
                               const std::vector<int>& labels,
                               const std::vector<std::string>& label_names,
                               const v1::LinearParams& params) {
  std::vector<NgramCounts> counts;
  counts.reserve(docs.size());
  absl::flat_hash_map<uint64_t, int> df;
  for (const auto& tokens : docs) {
    counts.push_back(CountNgrams(Ngrams(tokens, params.max_ngram())));
    for (uint64_t h : counts.back().hashes) ++df[h];
  }
  // Feature rows in hash order, so the model does not depend on hash-map iteration order.
  std::vector<uint64_t> features;
  for (const auto& [h, n] : df) {
    if (n >= params.min_df()) features.push_back(h);
  }
  std::sort(features.begin(), features.end());
  v1::LinearModelProto proto;
  proto.set_max_ngram(params.max_ngram());
  absl::flat_hash_map<uint64_t, int32_t> row_of;
  const double n_docs = static_cast<double>(docs.size());
  for (size_t r = 0; r < features.size(); ++r) {
    row_of[features[r]] = static_cast<int32_t>(r);
    proto.add_features(features[r]);
    proto.add_idf(static_cast<float>(std::log((1.0 + n_docs) / (1.0 + df[features[r]])) + 1.0));
  }
  std::vector<SparseVector> x;
  x.reserve(docs.size());
  for (const auto& c : counts) x.push_back(TfIdf(c, row_of, proto.idf().data()));

  const int label_count = static_cast<int>(label_names.size());
  std::vector<float> weights(features.size() * label_count, 0.0f);
  std::vector<float> bias(label_count, 0.0f);
  for (int l = 0; l < label_count; ++l) {
    FitOneLabel(x, labels, l, params, label_count, &weights, &bias[l]);
  }
  for (const auto& name : label_names) proto.add_labels(name);
  proto.mutable_weights()->Add(weights.begin(), weights.end());
  proto.mutable_bias()->Add(bias.begin(), bias.end());
  return proto;
}

}  // namespace liandong::triage
