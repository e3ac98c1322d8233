#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
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

// One input of a model for one text: a weight row, its value, and the tokens it came from.
struct ModelInput {
  int32_t row = 0;
  float value = 0;
  int first = -1;  // first and last token (inclusive); -1: no text of its own (end of line)
  int last = -1;
};

// A trained text classifier over the route labels, with its metadata (<model>.meta.textproto).
// Immutable after loading; safe to use from many threads.
class TextModel {
 public:
  virtual ~TextModel() = default;

  int label_count() const { return static_cast<int>(labels_.size()); }
  const RouteLabel& label(int index) const { return labels_[index]; }
  const v1::TriageModelMeta& meta() const { return meta_; }
  const std::string& version() const { return meta_.version(); }

  // The text's inputs (character n-grams known to the model).
  virtual std::vector<ModelInput> Encode(const std::vector<Token>& tokens) const = 0;

  // The inputs of the text made of the token ranges [begin, end) of `tokens`, joined (each
  // range must start or end at a clause break, so no n-gram spans two of them). Inputs index
  // `tokens` itself. By default the ranges are copied and encoded.
  virtual std::vector<ModelInput> EncodeRanges(
      const std::vector<Token>& tokens, const std::vector<std::pair<int, int>>& ranges) const;

  // One score per label (indexed like label()); softmax(scores / temperature) is the
  // calibrated distribution. All equal when the model knows nothing of the text.
  virtual std::vector<double> Scores(const std::vector<ModelInput>& inputs) const = 0;
  std::vector<double> Scores(const std::vector<Token>& tokens) const {
    return Scores(Encode(tokens));
  }

  // The `n` inputs that push hardest towards `label`, strongest first, as text spans.
  std::vector<FeatureWeight> StrongestFeatures(const std::vector<Token>& tokens,
                                               const std::vector<ModelInput>& inputs, int label,
                                               int n) const;

 protected:
  // How much one input adds to `label`'s score.
  virtual float Pull(const ModelInput& input, int label) const = 0;

  std::vector<RouteLabel> labels_;
  v1::TriageModelMeta meta_;
};

// Loads the model at `path` of whichever learner its metadata names. Refuses a missing file or
// metadata, a file whose size or digest differs from the metadata's (cut short, altered), a
// file the learner cannot read, and labels that are not routes, naming the path and the reason.
absl::StatusOr<std::shared_ptr<const TextModel>> LoadTextModel(const std::string& path);

// Where the model's metadata lives: "<model path>.meta.textproto".
std::string ModelMetaPath(const std::string& model_path);

// FNV-1a digest of a model file's bytes, as recorded in its metadata.
std::string ModelDigest(absl::string_view bytes);

// The model built and installed with the suite.
std::string DefaultModelPath();

// The scope lexicon liandong-train reads by default (deploy/triage/scope.textproto).
std::string DefaultScopePath();

// The lexicon words liandong-train reads by default (deploy/triage/lexicon-words.txt).
std::string DefaultWordsPath();

// Checks and records the labels of a model being loaded.
absl::Status SetRouteLabels(const std::string& path, const std::vector<std::string>& names,
                            std::vector<RouteLabel>* out);

}  // namespace liandong::triage
