#include "triage/linear_model.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"

namespace liandong::triage {

SparseVector TfIdf(const NgramCounts& counts, const absl::flat_hash_map<uint64_t, int32_t>& row_of,
                   const float* idf, std::vector<int>* kept_index) {
  SparseVector v;
  v.entries.reserve(counts.hashes.size());
  double norm = 0;
  for (size_t i = 0; i < counts.hashes.size(); ++i) {
    auto it = row_of.find(counts.hashes[i]);
    if (it == row_of.end()) continue;
    const int tf = counts.counts[i];
    const float value =
        (tf == 1 ? 1.0f : 1.0f + std::log(static_cast<float>(tf))) * idf[it->second];
    v.entries.push_back({it->second, value});
    if (kept_index) kept_index->push_back(static_cast<int>(i));
    norm += static_cast<double>(value) * value;
  }
  if (norm > 0) {
    const float inv = static_cast<float>(1.0 / std::sqrt(norm));
    for (auto& e : v.entries) e.second *= inv;
  }
  return v;
}

absl::StatusOr<std::shared_ptr<const LinearModel>> LinearModel::FromBytes(
    const std::string& path, const std::string& bytes, v1::TriageModelMeta meta) {
  v1::LinearModelProto proto;
  if (!proto.ParseFromString(bytes)) {
    return absl::InvalidArgumentError(absl::StrCat("model: '", path, "' is not a linear model"));
  }
  const int64_t rows = proto.features_size();
  const int64_t labels = proto.labels_size();
  if (proto.idf_size() != rows || proto.weights_size() != rows * labels ||
      proto.bias_size() != labels || proto.max_ngram() < 1 || proto.max_ngram() > 8) {
    return absl::InvalidArgumentError(absl::StrCat(
        "model: '", path, "': inconsistent shape (", rows, " features, ", labels, " labels, ",
        proto.weights_size(), " weights, max_ngram ", proto.max_ngram(), ")"));
  }
  std::shared_ptr<LinearModel> m(new LinearModel());
  const std::vector<std::string> names(proto.labels().begin(), proto.labels().end());
  if (auto s = SetRouteLabels(path, names, &m->labels_); !s.ok()) return s;
  m->meta_ = std::move(meta);
  m->proto_ = std::move(proto);
  m->label_count_ = m->proto_.labels_size();
  m->row_of_.reserve(m->proto_.features_size());
  for (int r = 0; r < m->proto_.features_size(); ++r) m->row_of_[m->proto_.features(r)] = r;
  return std::shared_ptr<const LinearModel>(std::move(m));
}

std::vector<ModelInput> LinearModel::Encode(const std::vector<Token>& tokens) const {
  return EncodeNgrams(Ngrams(tokens, proto_.max_ngram()));
}

std::vector<ModelInput> LinearModel::EncodeRanges(
    const std::vector<Token>& tokens, const std::vector<std::pair<int, int>>& ranges) const {
  std::vector<Ngram> ngrams;
  size_t tokens_in_ranges = 0;
  for (const auto& [begin, end] : ranges) tokens_in_ranges += end - begin;
  ngrams.reserve(tokens_in_ranges * proto_.max_ngram());
  for (const auto& [begin, end] : ranges) {
    AppendNgrams(tokens, begin, end, proto_.max_ngram(), &ngrams);
  }
  return EncodeNgrams(ngrams);
}

std::vector<ModelInput> LinearModel::EncodeNgrams(const std::vector<Ngram>& ngrams) const {
  const NgramCounts counts = CountNgrams(ngrams);
  std::vector<int> kept;
  kept.reserve(counts.hashes.size());
  const SparseVector v = TfIdf(counts, row_of_, proto_.idf().data(), &kept);
  std::vector<ModelInput> inputs;
  inputs.reserve(v.entries.size());
  for (size_t e = 0; e < v.entries.size(); ++e) {
    const Ngram& g = ngrams[counts.first[kept[e]]];
    inputs.push_back({v.entries[e].first, v.entries[e].second, g.first, g.first + g.n - 1});
  }
  return inputs;
}

std::vector<double> LinearModel::Scores(const std::vector<ModelInput>& inputs) const {
  std::vector<float> s(proto_.bias().begin(), proto_.bias().end());
  float* __restrict acc = s.data();
  const float* w = proto_.weights().data();
  const int labels = label_count_;
  for (const ModelInput& in : inputs) {
    const float* __restrict r = w + static_cast<int64_t>(in.row) * labels;
    const float v = in.value;
    for (int l = 0; l < labels; ++l) acc[l] += v * r[l];
  }
  return std::vector<double>(s.begin(), s.end());
}

}  // namespace liandong::triage
