// A city's rule table and working-day calendar, as an administrator might mistype them: any
// text must load, or be refused with the problems listed, and a loaded table must classify.
#include <cstdint>
#include <string>

#include "common/text_proto.h"
#include "liandong/v1/rules.pb.h"
#include "rules/rule_index.h"
#include "rules/rule_table_loader.h"
#include "rules/work_calendar.h"
#include "triage/rule_classifier.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  if (auto table = liandong::rules::ParseRuleTable(text, "fuzz"); table.ok()) {
    auto index = std::make_shared<const liandong::rules::RuleIndex>(*std::move(table));
    liandong::triage::RuleClassifier classifier(index, {});
    classifier.Classify(liandong::v1::SIDE_110, liandong::v1::CHANNEL_PHONE,
                        "小区停水了，有人被困");
  }
  liandong::v1::WorkCalendar calendar;
  if (liandong::ParseTextProto(text, "fuzz", &calendar).ok()) {
    (void)liandong::rules::WorkCalendar::FromProto(calendar);
  }
  return 0;
}
