#include "triage/engine_factory.h"

#include "absl/flags/flag.h"
#include "triage/rule_classifier.h"

ABSL_FLAG(std::string, model, "",
          "triage model trained by liandong-train (default: the installed model; 'none': the "
          "rule table alone)");
ABSL_FLAG(std::string, normalization, "",
          "speech-recognition and typo corrections (default: the installed table; 'none': off)");
ABSL_FLAG(double, review_threshold, 0.6, "confidence below which a suggestion needs review");
ABSL_FLAG(double, emergency_threshold, 0,
          "model probability of EMERGENCY_110 from which a call goes to 110 (in doubt: 110); "
          "0: the threshold liandong-train fitted, from the model's metadata");

namespace liandong::triage {

EngineConfig EngineConfigFromFlags() {
  EngineConfig c;
  c.model_path = absl::GetFlag(FLAGS_model);
  if (c.model_path.empty()) c.model_path = DefaultModelPath();
  c.normalization_path = absl::GetFlag(FLAGS_normalization);
  if (c.normalization_path.empty()) c.normalization_path = DefaultNormalizationPath();
  c.options.review_threshold = absl::GetFlag(FLAGS_review_threshold);
  c.options.emergency_threshold = absl::GetFlag(FLAGS_emergency_threshold);
  return c;
}

absl::StatusOr<EngineFactory> EngineFactory::Load(const EngineConfig& config) {
  EngineFactory f;
  f.options_ = config.options;
  if (config.normalization_path.empty() || config.normalization_path == "none") {
    f.normalizer_ = std::make_shared<const TextNormalizer>();
  } else {
    auto normalizer = TextNormalizer::Load(config.normalization_path);
    if (!normalizer.ok()) return normalizer.status();
    f.normalizer_ = std::make_shared<const TextNormalizer>(*std::move(normalizer));
  }
  if (config.model_path != "none") {
    auto model = LoadTextModel(config.model_path);
    if (!model.ok()) return model.status();
    f.model_ = *std::move(model);
  }
  return f;
}

std::shared_ptr<const Classifier> EngineFactory::Build(
    std::shared_ptr<const rules::RuleIndex> rules) const {
  if (!model_) {
    ClassifierOptions options;
    options.review_threshold = options_.review_threshold;
    return std::make_shared<const RuleClassifier>(std::move(rules), options, normalizer_);
  }
  return std::make_shared<const TriageEngine>(std::move(rules), model_, normalizer_, options_);
}

std::string EngineFactory::model_version() const {
  return model_ ? model_->version() : RuleClassifier::kModelVersion;
}

}  // namespace liandong::triage
