#include "triage/fasttext_model.h"

#include <fasttext.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/text_proto.h"

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

std::string ModelMetaPath(const std::string& model_path) {
  return absl::StrCat(model_path, ".meta.textproto");
}

std::string DefaultModelPath() { return LIANDONG_DEFAULT_MODEL_PATH; }

std::string ModelDigest(absl::string_view bytes) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a, 64 bits
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return absl::StrFormat("%016x", h);
}

absl::StatusOr<std::shared_ptr<const FastTextModel>> FastTextModel::Load(const std::string& path) {
  std::shared_ptr<FastTextModel> model(new FastTextModel());
  absl::StatusOr<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return absl::NotFoundError(absl::StrCat("model: ", bytes.status().message()));
  absl::Status meta = LoadTextProto(ModelMetaPath(path), &model->meta_);
  if (!meta.ok())
    return absl::Status(meta.code(), absl::StrCat("model metadata: ", meta.message()));
  // fastText reads a cut or altered file without complaint, so the metadata pins the bytes.
  if (static_cast<int64_t>(bytes->size()) != model->meta_.model_bytes() ||
      ModelDigest(*bytes) != model->meta_.model_digest()) {
    return absl::DataLossError(absl::StrCat(
        "model: '", path, "' is ", bytes->size(), " bytes with digest ", ModelDigest(*bytes),
        "; its metadata says ", model->meta_.model_bytes(), " bytes, digest ",
        model->meta_.model_digest(), " (cut short, altered, or not the model it describes)"));
  }
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
  for (int32_t i = 0; i < impl.dict->nlabels(); ++i) {
    const std::string name = impl.dict->getLabel(i);
    std::optional<RouteLabel> route = ParseLabel(name);
    if (!route) {
      return absl::InvalidArgumentError(
          absl::StrCat("model: '", path, "' has a label that is not a route: '", name, "'"));
    }
    model->labels_.push_back(*std::move(route));
  }
  if (model->meta_.temperature() <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("model metadata: ", ModelMetaPath(path), ": temperature must be > 0"));
  }
  return std::shared_ptr<const FastTextModel>(std::move(model));
}

FastTextModel::Input FastTextModel::Encode(const std::vector<Token>& tokens) const {
  const fasttext::Dictionary& dict = *impl_->dict;
  const int32_t nwords = dict.nwords();
  Input in;
  // fastText keeps word hashes as int32_t and sign-extends them into the 64-bit n-gram hash;
  // doing the same is what makes our rows its rows.
  std::vector<int32_t> hashes;
  in.rows.reserve(tokens.size() * impl_->word_ngrams + 1);
  in.spans.reserve(tokens.size() * impl_->word_ngrams + 1);
  hashes.reserve(tokens.size() + 1);
  // As fastText reads a training line: every token, then the end-of-line token.
  auto add_word = [&](const std::string& word, int token_index) {
    const uint32_t h = dict.hash(word);
    const int32_t id = dict.getId(word, h);
    if (id >= 0) {
      in.rows.push_back(id);
      in.spans.push_back({token_index, token_index});
    }
    hashes.push_back(static_cast<int32_t>(h));
  };
  for (size_t i = 0; i < tokens.size(); ++i) add_word(tokens[i].text, static_cast<int>(i));
  add_word(fasttext::Dictionary::EOS, -1);  // no text of its own: never shown
  const int last_token = static_cast<int>(tokens.size()) - 1;
  for (size_t i = 0; i < hashes.size(); ++i) {
    uint64_t h = static_cast<uint64_t>(static_cast<int64_t>(hashes[i]));
    for (size_t j = i + 1; j < hashes.size() && j < i + impl_->word_ngrams; ++j) {
      h = h * kNgramHashMultiplier + static_cast<uint64_t>(static_cast<int64_t>(hashes[j]));
      in.rows.push_back(nwords + static_cast<int32_t>(h % impl_->bucket));
      in.spans.push_back({i < tokens.size() ? static_cast<int>(i) : -1,
                          std::min(static_cast<int>(j), last_token)});
    }
  }
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

std::vector<double> FastTextModel::Logits(const Input& input) const {
  const int n = label_count();
  std::vector<double> out(n, 0.0);
  if (input.rows.empty()) return out;
  const fasttext::DenseMatrix& in = *impl_->input;
  const fasttext::DenseMatrix& wo = *impl_->output;
  const int64_t dim = in.cols();
  std::vector<float> hidden(dim, 0.0f);
  float* __restrict h = hidden.data();
  for (int32_t row : input.rows) {
    const fasttext::real* __restrict r = in.data() + static_cast<int64_t>(row) * dim;
    for (int64_t d = 0; d < dim; ++d) h[d] += r[d];
  }
  const float inv = 1.0f / static_cast<float>(input.rows.size());
  for (int64_t d = 0; d < dim; ++d) h[d] *= inv;
  for (int l = 0; l < n; ++l) {
    const fasttext::real* __restrict w = wo.data() + static_cast<int64_t>(l) * dim;
    float z = 0;
    for (int64_t d = 0; d < dim; ++d) z += w[d] * h[d];
    out[l] = z;
  }
  return out;
}

std::vector<double> FastTextModel::LogProbabilities(const Input& input) const {
  std::vector<double> z = Logits(input);
  if (z.empty()) return z;
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (double v : z) sum += std::exp(v - top);
  const double log_sum = top + std::log(sum);
  for (double& v : z) v -= log_sum;
  return z;
}

std::vector<double> FastTextModel::Probabilities(const Input& input, double temperature) const {
  std::vector<double> p = Logits(input);
  if (p.empty()) return p;
  const double top = *std::max_element(p.begin(), p.end());
  double sum = 0;
  for (double& v : p) {
    v = std::exp((v - top) / temperature);
    sum += v;
  }
  for (double& v : p) v /= sum;
  return p;
}

std::vector<FeatureWeight> FastTextModel::StrongestFeatures(const std::vector<Token>& tokens,
                                                            const Input& input, int label,
                                                            int n) const {
  std::vector<FeatureWeight> features;
  if (input.rows.empty() || tokens.empty() || n <= 0) return features;
  const fasttext::DenseMatrix& in = *impl_->input;
  const int64_t dim = in.cols();
  const fasttext::real* label_row = impl_->output->data() + static_cast<int64_t>(label) * dim;
  // The label's score is the average input row dotted with its output row, so each row's
  // share is its own dot product over the row count.
  std::vector<std::pair<float, size_t>> pulls;  // (dot, row index)
  pulls.reserve(input.rows.size());
  for (size_t r = 0; r < input.rows.size(); ++r) {
    if (input.spans[r].first < 0) continue;  // the end-of-line token has no text
    const fasttext::real* row = in.data() + static_cast<int64_t>(input.rows[r]) * dim;
    float dot = 0;
    for (int64_t d = 0; d < dim; ++d) dot += row[d] * label_row[d];
    if (dot > 0) pulls.push_back({dot, r});
  }
  // Only the first few are shown; spans repeat (a character and its bigram), so keep spare.
  const size_t keep = std::min(pulls.size(), static_cast<size_t>(3 * n));
  std::partial_sort(pulls.begin(), pulls.begin() + keep, pulls.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  pulls.resize(keep);
  const double scale = 1.0 / static_cast<double>(input.rows.size());
  for (const auto& [dot, r] : pulls) {
    if (static_cast<int>(features.size()) == n) break;
    const auto [first, last] = input.spans[r];
    const int start = tokens[first].start, end = tokens[last].end;
    // The same span can come from several rows: keep the strongest; clause breaks say nothing.
    bool seen = false;
    for (const auto& f : features) seen = seen || (f.start == start && f.end == end);
    if (seen || (first == last && tokens[first].text == "|")) continue;
    FeatureWeight f;
    f.start = start;
    f.end = end;
    for (int t = first; t <= last; ++t) f.text += tokens[t].text;
    f.weight = dot * scale;
    features.push_back(std::move(f));
  }
  return features;
}

}  // namespace liandong::triage
