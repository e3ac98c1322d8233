#include "triage/text_model.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "common/fnv.h"
#include "common/text_proto.h"
#include "triage/fasttext_model.h"
#include "triage/linear_model.h"

namespace liandong::triage {

std::string ModelMetaPath(const std::string& model_path) {
  return absl::StrCat(model_path, ".meta.textproto");
}

std::string DefaultModelPath() { return LIANDONG_DEFAULT_MODEL_PATH; }

std::string DefaultScopePath() { return LIANDONG_DEFAULT_SCOPE_PATH; }

std::string DefaultWordsPath() { return LIANDONG_DEFAULT_WORDS_PATH; }

std::string ModelDigest(absl::string_view bytes) { return absl::StrFormat("%016x", Fnv1a(bytes)); }

absl::Status SetRouteLabels(const std::string& path, const std::vector<std::string>& names,
                            std::vector<RouteLabel>* out) {
  for (const std::string& name : names) {
    std::optional<RouteLabel> route = ParseLabel(name);
    if (!route) {
      return absl::InvalidArgumentError(
          absl::StrCat("model: '", path, "' has a label that is not a route: '", name, "'"));
    }
    out->push_back(*std::move(route));
  }
  if (out->empty())
    return absl::InvalidArgumentError(absl::StrCat("model: '", path, "' has no labels"));
  return absl::OkStatus();
}

std::vector<ModelInput> TextModel::EncodeRanges(
    const std::vector<Token>& tokens, const std::vector<std::pair<int, int>>& ranges) const {
  std::vector<Token> joined;
  std::vector<int> origin;  // index in `tokens` of each joined token
  for (const auto& [begin, end] : ranges) {
    for (int t = begin; t < end; ++t) {
      joined.push_back(tokens[t]);
      origin.push_back(t);
    }
  }
  std::vector<ModelInput> inputs = Encode(joined);
  for (ModelInput& in : inputs) {
    if (in.first < 0) continue;
    in.first = origin[in.first];
    in.last = origin[in.last];
  }
  return inputs;
}

std::vector<FeatureWeight> TextModel::StrongestFeatures(const std::vector<Token>& tokens,
                                                        const std::vector<ModelInput>& inputs,
                                                        int label, int n) const {
  std::vector<std::pair<float, size_t>> pulls;  // (pull, input index)
  pulls.reserve(inputs.size());
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].first < 0) continue;
    const float pull = Pull(inputs[i], label);
    if (pull > 0) pulls.push_back({pull, i});
  }
  // Spans repeat (fastText has a row per character and per n-gram): sort a few spare.
  const size_t keep = std::min(pulls.size(), static_cast<size_t>(3 * std::max(n, 0)));
  std::partial_sort(pulls.begin(), pulls.begin() + keep, pulls.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<FeatureWeight> out;
  for (size_t k = 0; k < keep && static_cast<int>(out.size()) < n; ++k) {
    const ModelInput& in = inputs[pulls[k].second];
    const int start = tokens[in.first].start, end = tokens[in.last].end;
    bool seen = false;
    for (const auto& f : out) seen = seen || (f.start == start && f.end == end);
    if (seen || (in.first == in.last && tokens[in.first].text == "|")) continue;
    FeatureWeight f;
    f.start = start;
    f.end = end;
    for (int t = in.first; t <= in.last; ++t) f.text += tokens[t].text;
    f.weight = pulls[k].first;
    out.push_back(std::move(f));
  }
  return out;
}

absl::StatusOr<std::shared_ptr<const TextModel>> LoadTextModel(const std::string& path) {
  absl::StatusOr<std::string> bytes = ReadWholeFile(path);
  if (!bytes.ok()) return absl::NotFoundError(absl::StrCat("model: ", bytes.status().message()));
  v1::TriageModelMeta meta;
  absl::Status loaded = LoadTextProto(ModelMetaPath(path), &meta);
  if (!loaded.ok()) {
    return absl::Status(loaded.code(), absl::StrCat("model metadata: ", loaded.message()));
  }
  // Neither learner's reader notices a cut or altered file, so the metadata pins the bytes.
  if (static_cast<int64_t>(bytes->size()) != meta.model_bytes() ||
      ModelDigest(*bytes) != meta.model_digest()) {
    return absl::DataLossError(absl::StrCat(
        "model: '", path, "' is ", bytes->size(), " bytes with digest ", ModelDigest(*bytes),
        "; its metadata says ", meta.model_bytes(), " bytes, digest ", meta.model_digest(),
        " (cut short, altered, or not the model it describes)"));
  }
  if (meta.temperature() <= 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("model metadata: ", ModelMetaPath(path), ": temperature must be > 0"));
  }
  if (meta.learner() == "fasttext") return FastTextModel::Load(path, std::move(meta));
  if (meta.learner().empty() || meta.learner() == "linear") {
    return LinearModel::FromBytes(path, *bytes, std::move(meta));
  }
  return absl::InvalidArgumentError(absl::StrCat("model metadata: ", ModelMetaPath(path),
                                                 ": unknown learner '", meta.learner(), "'"));
}

}  // namespace liandong::triage
