#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "liandong/v1/triage.pb.h"
#include "triage/features.h"
#include "triage/label_space.h"

namespace liandong::triage {

// One input feature's pull towards a label: a character or a character n-gram.
struct FeatureWeight {
  std::string text;
  int start = 0;  // code point offsets in the normalised text
  int end = 0;
  double weight = 0;
};

// A trained fastText classifier (liandong-train) and its metadata sidecar
// (<model>.meta.textproto). Immutable after Load; Probabilities is safe from many threads.
class FastTextModel {
 public:
  ~FastTextModel();

  // Refuses a missing, truncated or foreign file, a model whose labels are not routes,
  // and a missing or unreadable metadata file, naming the path and the reason.
  static absl::StatusOr<std::shared_ptr<const FastTextModel>> Load(const std::string& path);

  int label_count() const { return static_cast<int>(labels_.size()); }
  const RouteLabel& label(int index) const { return labels_[index]; }
  const v1::TriageModelMeta& meta() const { return meta_; }
  const std::string& version() const { return meta_.version(); }

  // The model's input rows for `tokens` (each character and character n-gram), as fastText's
  // own reader builds them, with each row's [first token, last token] (-1: end of line).
  struct Input {
    std::vector<int32_t> rows;
    std::vector<std::pair<int, int>> spans;
  };
  Input Encode(const std::vector<Token>& tokens) const;

  // Log-probabilities of every label (indexed like label()), before calibration: fastText's
  // forward pass (average of the input rows, output layer, softmax) computed here over the
  // model's own matrices, without FastText::predict's heap and allocations. All equal when no
  // token is known to the model.
  std::vector<double> LogProbabilities(const Input& input) const;
  std::vector<double> LogProbabilities(const std::vector<Token>& tokens) const {
    return LogProbabilities(Encode(tokens));
  }

  // softmax(logits / temperature): the calibrated probabilities in one pass (the same as
  // Calibrate(LogProbabilities(input), temperature)).
  std::vector<double> Probabilities(const Input& input, double temperature) const;

  // The `n` features that push hardest towards `label`, strongest first.
  std::vector<FeatureWeight> StrongestFeatures(const std::vector<Token>& tokens, const Input& input,
                                               int label, int n) const;

  // fastText's own reader and predict on the same tokens, which the unit tests hold the two
  // functions above to: input rows, and probabilities (exp of its log(p + 1e-5)) by label.
  std::vector<int32_t> InputRowsByFastText(const std::vector<Token>& tokens) const;
  std::vector<double> ProbabilitiesByFastText(const std::vector<Token>& tokens) const;

 private:
  struct Impl;
  FastTextModel();

  // The output layer's score of every label (before softmax); empty input: all zero.
  std::vector<double> Logits(const Input& input) const;

  std::unique_ptr<Impl> impl_;
  std::vector<RouteLabel> labels_;
  v1::TriageModelMeta meta_;
};

// Where the model's metadata lives: "<model path>.meta.textproto".
std::string ModelMetaPath(const std::string& model_path);

// FNV-1a digest of a model file's bytes, as recorded in its metadata.
std::string ModelDigest(absl::string_view bytes);

// The model built and installed with the suite.
std::string DefaultModelPath();

}  // namespace liandong::triage
