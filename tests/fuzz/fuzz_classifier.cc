// Callers' words: any bytes through the service's validation, the normaliser and the rules
// classifier of the shipped table. The normaliser also takes invalid UTF-8 directly.
#include <cstdint>
#include <cstdlib>
#include <string>

#include "common/pii.h"
#include "common/text_limits.h"
#include "rules/rule_index.h"
#include "rules/rule_table_loader.h"
#include "triage/normalizer.h"
#include "triage/rule_classifier.h"

namespace {

const liandong::triage::RuleClassifier& Classifier() {
  static const auto* classifier = [] {
    auto table = liandong::rules::LoadRuleTable(LIANDONG_RULES_PATH);
    if (!table.ok()) abort();
    auto normalizer = liandong::triage::TextNormalizer::Load(LIANDONG_NORMALIZATION_PATH);
    if (!normalizer.ok()) abort();
    return new liandong::triage::RuleClassifier(
        std::make_shared<const liandong::rules::RuleIndex>(*std::move(table)), {},
        std::make_shared<const liandong::triage::TextNormalizer>(*std::move(normalizer)));
  }();
  return *classifier;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)liandong::triage::Normalize(text);
  (void)liandong::MaskNumbersInText(text);
  (void)liandong::ValidateShortField("field", text, 64, false);
  if (liandong::ValidateCallText(text).ok()) {
    const auto t =
        Classifier().Classify(liandong::v1::SIDE_12345, liandong::v1::CHANNEL_ONLINE, text);
    if (t.disposition() == liandong::v1::DISPOSITION_UNSPECIFIED) abort();
  }
  return 0;
}
