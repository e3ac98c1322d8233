// The evaluation report's figures for the blind sets' format: answers with items, topics outside
// the items judged by category, false alarms, the JOINT share, and a blind report without rows.
#include "triage/evaluation.h"

#include <catch2/catch.hpp>

#include "absl/strings/match.h"

namespace triage = liandong::triage;
namespace v1 = liandong::v1;

namespace {

triage::LabelledCall Gold(const std::string& id, v1::Disposition d, const std::string& item,
                          const std::string& category, const std::string& text = "一段文字") {
  triage::LabelledCall c;
  c.id = id;
  c.disposition = d;
  c.item = item;
  c.category = category;
  c.text = text;
  return c;
}

triage::RoutePrediction Predicted(v1::Disposition d, const std::string& item,
                                  const std::string& category) {
  triage::RoutePrediction p;
  p.disposition = d;
  p.item = item;
  p.category = category;
  p.confidence = 0.9;
  return p;
}

}  // namespace

TEST_CASE("answers, topics outside the items, false alarms and JOINT are counted") {
  triage::EvaluationReport r;
  // An answer with its item, right; one with the wrong item.
  r.Add(Gold("a", v1::DIRECT_ANSWER, "heating", "municipal_utilities"),
        Predicted(v1::DIRECT_ANSWER, "heating", "municipal_utilities"));
  r.Add(Gold("b", v1::DIRECT_ANSWER, "heating", "municipal_utilities"),
        Predicted(v1::DIRECT_ANSWER, "garbage", "urban_management"));
  // A topic outside the items: any item of the right category reaches 12345 rightly.
  r.Add(Gold("c", v1::TRANSFER_12345, "", "social_services"),
        Predicted(v1::TRANSFER_12345, "hardship_aid", "social_services"));
  // A transfer read as JOINT; a police matter read as an emergency.
  r.Add(Gold("d", v1::TRANSFER_12345, "streetlight", "municipal_utilities"),
        Predicted(v1::JOINT, "", ""));
  r.Add(Gold("e", v1::POLICE_110, "", ""), Predicted(v1::EMERGENCY_110, "", ""));
  CHECK(r.rows() == 5);
  CHECK(r.route_accuracy() == Approx(3.0 / 5));
  CHECK(r.item_accuracy() == Approx(0.0));  // only "d" is a transfer with an item
  const std::string text = r.Format("test", 5, 0);
  CHECK(absl::StrContains(text, "answer items         0.5000  (1/2"));
  CHECK(absl::StrContains(text, "12345, right category 0.5000  (2/4"));
  CHECK(absl::StrContains(text, "EMERGENCY false alarms 0.2000  (1/5"));
  CHECK(absl::StrContains(text, "JOINT share          0.2000  (1/5"));
}

TEST_CASE("a blind report names no row") {
  triage::EvaluationReport r;
  r.Add(Gold("x", v1::EMERGENCY_110, "", "", "楼下有人喊救命"), Predicted(v1::POLICE_110, "", ""));
  CHECK(absl::StrContains(r.Format("open", 5, 0), "楼下有人喊救命"));
  const std::string blind = r.Format("blind", 0, 0, /*show_rows=*/false);
  CHECK_FALSE(absl::StrContains(blind, "楼下有人喊救命"));
  CHECK_FALSE(absl::StrContains(blind, "x ->"));
  CHECK(absl::StrContains(blind, "emergency recall     0.0000  (0/1)"));
}
