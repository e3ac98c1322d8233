#include "triage/fasttext_model.h"

#include <fasttext.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace liandong::triage {
namespace {

// fastText's word n-gram hash step (Dictionary::addWordNgrams).
constexpr uint64_t kNgramHashMultiplier = 116049371;

}  // namespace

struct FastTextModel::Impl {
  fasttext::FastText ft;
  std::shared_ptr<const fasttext::Dictionary> dict;
  std::shared_ptr<const fasttext::DenseMatrix> input;
  std::shared_ptr<const fasttext::DenseMatrix> output;
  int word_ngrams = 1;
  int64_t bucket = 0;
};

FastTextModel::FastTextModel() : impl_(std::make_unique<Impl>()) {}
FastTextModel::~FastTextModel() = default;

absl::StatusOr<std::shared_ptr<const FastTextModel>> FastTextModel::Load(const std::string& path,
                                                                         v1::TriageModelMeta meta) {
  std::shared_ptr<FastTextModel> model(new FastTextModel());
  model->meta_ = std::move(meta);
  try {
    model->impl_->ft.loadModel(path);
  } catch (const std::exception& e) {
    return absl::InvalidArgumentError(
        absl::StrCat("model: '", path, "' is not a fastText model: ", e.what()));
  }
  Impl& impl = *model->impl_;
  const fasttext::Args args = impl.ft.getArgs();
  if (args.model != fasttext::model_name::sup || impl.ft.isQuant() || args.maxn > 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("model: '", path,
                     "' must be an unquantised supervised model without subwords "
                     "(train it with liandong-train)"));
  }
  impl.dict = impl.ft.getDictionary();
  impl.input = impl.ft.getInputMatrix();
  impl.output = impl.ft.getOutputMatrix();
  impl.word_ngrams = args.wordNgrams;
  impl.bucket = args.bucket;
  std::vector<std::string> names;
  for (int32_t i = 0; i < impl.dict->nlabels(); ++i) names.push_back(impl.dict->getLabel(i));
  if (auto s = SetRouteLabels(path, names, &model->labels_); !s.ok()) return s;
  return std::shared_ptr<const FastTextModel>(std::move(model));
}

std::vector<ModelInput> FastTextModel::Encode(const std::vector<Token>& tokens) const {
  const fasttext::Dictionary& dict = *impl_->dict;
  const int32_t nwords = dict.nwords();
  std::vector<ModelInput> in;
  // fastText keeps word hashes as int32_t and sign-extends them into the 64-bit n-gram hash;
  // doing the same is what makes our rows its rows.
  std::vector<int32_t> hashes;
  in.reserve(tokens.size() * impl_->word_ngrams + 1);
  hashes.reserve(tokens.size() + 1);
  // As fastText reads a training line: every token, then the end-of-line token.
  auto add_word = [&](const std::string& word, int token_index) {
    const uint32_t h = dict.hash(word);
    const int32_t id = dict.getId(word, h);
    if (id >= 0) in.push_back({id, 0, token_index, token_index});
    hashes.push_back(static_cast<int32_t>(h));
  };
  for (size_t i = 0; i < tokens.size(); ++i) add_word(tokens[i].text, static_cast<int>(i));
  add_word(fasttext::Dictionary::EOS, -1);  // no text of its own: never shown
  const int last_token = static_cast<int>(tokens.size()) - 1;
  for (size_t i = 0; i < hashes.size(); ++i) {
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
    for (size_t j = i + 1; j < hashes.size() && j < i + impl_->word_ngrams; ++j) {
      h = h * kNgramHashMultiplier + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
      in.push_back({nwords + static_cast<int32_t>(h % impl_->bucket), 0,
                    i < tokens.size() ? static_cast<int>(i) : -1,
                    std::min(static_cast<int>(j), last_token)});
    }
  }
  const float value = in.empty() ? 0.0f : 1.0f / static_cast<float>(in.size());
  for (ModelInput& m : in) m.value = value;
  return in;
}

std::vector<int32_t> FastTextModel::InputRowsByFastText(const std::vector<Token>& tokens) const {
  std::istringstream line(ModelLine(tokens) + "\n");
  std::vector<int32_t> words;
  std::vector<int32_t> labels;
  impl_->dict->getLine(line, words, labels);
  return words;
}

std::vector<double> FastTextModel::ProbabilitiesByFastText(const std::vector<Token>& tokens) const {
  const std::vector<int32_t> rows = InputRowsByFastText(tokens);
  std::vector<double> out(label_count(), 0.0);
  fasttext::Predictions predictions;
  impl_->ft.predict(label_count(), rows, predictions, 0.0);
  for (const auto& [log_prob, label] : predictions) out[label] = std::exp(log_prob) - 1e-5;
  return out;
}

std::vector<double> FastTextModel::Scores(const std::vector<ModelInput>& inputs) const {
  const int n = label_count();
  std::vector<double> out(n, 0.0);
  if (inputs.empty()) return out;
  const fasttext::DenseMatrix& in = *impl_->input;
  const fasttext::DenseMatrix& wo = *impl_->output;
  const int64_t dim = in.cols();
  std::vector<float> hidden(dim, 0.0f);
  float* __restrict h = hidden.data();
  for (const ModelInput& m : inputs) {
    const fasttext::real* __restrict r = in.data() + static_cast<int64_t>(m.row) * dim;
    for (int64_t d = 0; d < dim; ++d) h[d] += r[d];
  }
  const float inv = 1.0f / static_cast<float>(inputs.size());
  for (int64_t d = 0; d < dim; ++d) h[d] *= inv;
  double top = -1e300;
  for (int l = 0; l < n; ++l) {
    const fasttext::real* __restrict w = wo.data() + static_cast<int64_t>(l) * dim;
    float z = 0;
    for (int64_t d = 0; d < dim; ++d) z += w[d] * h[d];
    out[l] = z;
    top = std::max(top, out[l]);
  }
  double sum = 0;
  for (double z : out) sum += std::exp(z - top);
  const double log_sum = top + std::log(sum);
  for (double& z : out) z -= log_sum;
  return out;
}

float FastTextModel::Pull(const ModelInput& input, int label) const {
  // The label's score is the average input row dotted with its output row, so each row's
  // share is its own dot product over the row count.
  const fasttext::DenseMatrix& in = *impl_->input;
  const int64_t dim = in.cols();
  const fasttext::real* row = in.data() + static_cast<int64_t>(input.row) * dim;
  const fasttext::real* out = impl_->output->data() + static_cast<int64_t>(label) * dim;
  float dot = 0;
  for (int64_t d = 0; d < dim; ++d) dot += row[d] * out[d];
  return dot * input.value;
}

}  // namespace liandong::triage
