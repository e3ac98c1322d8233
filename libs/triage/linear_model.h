#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"
#include "liandong/v1/triage.pb.h"
#include "triage/ngrams.h"
#include "triage/text_model.h"

namespace liandong::triage {

// A text's sparse TF-IDF vector over the model's features: (feature row, value), L2-normed.
struct SparseVector {
  std::vector<std::pair<int32_t, float>> entries;
};

// TF-IDF over character 1..n-grams and one linear SVM per label (the default learner; see
// docs/triage.md for how it measured against fastText). Scores are the SVMs' decision values.
class LinearModel : public TextModel {
 public:
  static absl::StatusOr<std::shared_ptr<const LinearModel>> FromBytes(const std::string& path,
                                                                      const std::string& bytes,
                                                                      v1::TriageModelMeta meta);

  // The text's TF-IDF vector; each input's span is the first occurrence of its n-gram.
  std::vector<ModelInput> Encode(const std::vector<Token>& tokens) const override;
  std::vector<ModelInput> EncodeRanges(
      const std::vector<Token>& tokens,
      const std::vector<std::pair<int, int>>& ranges) const override;
  std::vector<double> Scores(const std::vector<ModelInput>& inputs) const override;
  using TextModel::Scores;

 private:
  float Pull(const ModelInput& input, int label) const override {
    return input.value * proto_.weights(static_cast<int64_t>(input.row) * label_count_ + label);
  }

  std::vector<ModelInput> EncodeNgrams(const std::vector<Ngram>& ngrams) const;

  v1::LinearModelProto proto_;
  absl::flat_hash_map<uint64_t, int32_t> row_of_;  // n-gram hash -> feature row
  int label_count_ = 0;
};

// sublinear tf × idf, L2-normalised: the same for training and inference.
SparseVector TfIdf(const NgramCounts& counts, const absl::flat_hash_map<uint64_t, int32_t>& row_of,
                   const float* idf, std::vector<int>* kept_index = nullptr);

}  // namespace liandong::triage
