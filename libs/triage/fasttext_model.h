#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liandong/v1/triage.pb.h"
#include "triage/features.h"
#include "triage/label_space.h"
#include "triage/text_model.h"

namespace liandong::triage {

// A fastText classifier over character n-grams (liandong-train --learner fasttext): the
// field's standard, kept as the measured alternative to the linear model (docs/triage.md).
class FastTextModel : public TextModel {
 public:
  ~FastTextModel() override;

  // `meta` is the model's checked metadata (LoadTextModel). Refuses a file fastText cannot
  // read, quantised or unsupervised models, and labels that are not routes.
  static absl::StatusOr<std::shared_ptr<const FastTextModel>> Load(const std::string& path,
                                                                   v1::TriageModelMeta meta);

  // Each character and character n-gram's row (value 1/rows: fastText averages them).
  std::vector<ModelInput> Encode(const std::vector<Token>& tokens) const override;
  // fastText's forward pass (average of the input rows, output layer, log-softmax) computed
  // here over the model's own matrices, without FastText::predict's heap and allocations.
  std::vector<double> Scores(const std::vector<ModelInput>& inputs) const override;
  using TextModel::Scores;

  // fastText's own reader and predict on the same tokens, which the unit tests hold the two
  // functions above to: input rows, and probabilities (exp of its log(p + 1e-5)) by label.
  std::vector<int32_t> InputRowsByFastText(const std::vector<Token>& tokens) const;
  std::vector<double> ProbabilitiesByFastText(const std::vector<Token>& tokens) const;

 private:
  struct Impl;
  FastTextModel();
  float Pull(const ModelInput& input, int label) const override;

  std::unique_ptr<Impl> impl_;
};
}  // namespace liandong::triage
