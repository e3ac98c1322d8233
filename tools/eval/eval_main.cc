// liandong-eval: how well triage does on a labelled TSV (never one it was trained on).
//   liandong-eval GOLD.tsv                      the installed engine (or --model, --rules_only)
//   liandong-eval --predictions P.tsv GOLD.tsv  another system's output (id, disposition, item)
#include <chrono>
#include <fstream>
#include <iostream>

#include "absl/container/flat_hash_map.h"
#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/flags/usage.h"
#include "absl/strings/str_split.h"
#include "common/enums.h"
#include "rules/rule_table_loader.h"
#include "triage/engine_factory.h"
#include "triage/evaluation.h"
#include "triage/labelled_calls.h"

ABSL_FLAG(std::string, rules, "", "rule table (default: the installed table)");
ABSL_FLAG(std::string, predictions, "",
          "score this TSV of predictions (id, disposition, item[, confidence]) instead");
ABSL_FLAG(double, per_second, 0, "with --predictions: the other system's measured throughput");
ABSL_FLAG(std::string, title, "", "report title");
ABSL_FLAG(int, confusions, 10, "how many of the worst confusions to list");
ABSL_FLAG(bool, show_errors, false, "print every misrouted row, with the engine's reason");
ABSL_FLAG(bool, blind, false,
          "a blind set: print the figures only, never a row's text (no --show_errors, no missed "
          "emergencies' texts, no confusions)");
ABSL_FLAG(double, seconds, 1.0, "classify the set repeatedly for this long to measure throughput");

namespace {

namespace triage = liandong::triage;
namespace v1 = liandong::v1;

int Fail(const absl::Status& status) {
  std::cerr << "liandong-eval: " << status.message() << std::endl;
  return 2;
}

triage::RoutePrediction FromTriage(const v1::Triage& t, const liandong::rules::RuleIndex& rules) {
  triage::RoutePrediction p;
  p.disposition = t.disposition();
  const bool to_12345 =
      t.disposition() == v1::TRANSFER_12345 || t.disposition() == v1::DIRECT_ANSWER;
  p.item = to_12345 ? t.item() : t.handover_item();
  if (to_12345 && !p.item.empty()) p.category = rules.CategoryOf(p.item);
  p.confidence = t.confidence();
  return p;
}

absl::StatusOr<absl::flat_hash_map<std::string, triage::RoutePrediction>> ReadPredictions(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return absl::NotFoundError("cannot open the predictions file " + path);
  absl::flat_hash_map<std::string, triage::RoutePrediction> out;
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cols = absl::StrSplit(line, '\t');
    if (cols.size() < 3 || cols[0] == "id") continue;
    auto d = liandong::ParseDisposition(cols[1]);
    if (!d.ok()) return absl::InvalidArgumentError(path + ": bad disposition '" + cols[1] + "'");
    triage::RoutePrediction p;
    p.disposition = *d;
    p.item = cols[2] == "-" ? "" : cols[2];
    if (cols.size() > 3) p.confidence = std::atof(cols[3].c_str());
    out[cols[0]] = p;
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  absl::SetProgramUsageMessage("liandong-eval [--model M | --predictions P.tsv] GOLD.tsv");
  std::vector<char*> positional = absl::ParseCommandLine(argc, argv);
  if (positional.size() != 2) {
    std::cerr << "usage: " << absl::ProgramUsageMessage() << std::endl;
    return 2;
  }
  auto table = liandong::rules::LoadRuleTableOrDefault(absl::GetFlag(FLAGS_rules));
  if (!table.ok()) return Fail(table.status());
  auto rules = std::make_shared<const liandong::rules::RuleIndex>(*std::move(table));
  if (absl::GetFlag(FLAGS_blind) && absl::GetFlag(FLAGS_show_errors)) {
    return Fail(absl::InvalidArgumentError("--blind and --show_errors exclude each other"));
  }
  auto gold = triage::ReadLabelledCalls(positional[1], *rules);
  if (!gold.ok()) return Fail(gold.status());

  triage::EvaluationReport report;
  double per_second = absl::GetFlag(FLAGS_per_second);
  std::string title = absl::GetFlag(FLAGS_title);
  std::vector<triage::RoutePrediction> predicted;
  std::vector<std::string> reasons;  // the engine's reason per row (empty for --predictions)
  if (const std::string p = absl::GetFlag(FLAGS_predictions); !p.empty()) {
    auto predictions = ReadPredictions(p);
    if (!predictions.ok()) return Fail(predictions.status());
    for (const auto& call : *gold) {
      auto it = predictions->find(call.id);
      if (it == predictions->end())
        return Fail(absl::NotFoundError("no prediction for " + call.id));
      triage::RoutePrediction p = it->second;
      if (!p.item.empty() &&
          (p.disposition == v1::TRANSFER_12345 || p.disposition == v1::DIRECT_ANSWER)) {
        p.category = rules->CategoryOf(p.item);
      }
      predicted.push_back(std::move(p));
    }
    if (title.empty()) title = p;
  } else {
    auto factory = triage::EngineFactory::Load(triage::EngineConfigFromFlags());
    if (!factory.ok()) return Fail(factory.status());
    const auto classifier = factory->Build(rules);
    for (const auto& call : *gold) {
      const v1::Triage t = classifier->ClassifyPost(call.side, call.channel, call.title, call.text);
      predicted.push_back(FromTriage(t, *rules));
      reasons.push_back(t.reason());
    }
    // Throughput: the whole set, again and again, on this one thread.
    const auto start = std::chrono::steady_clock::now();
    const double budget = absl::GetFlag(FLAGS_seconds);
    long done = 0;
    double elapsed = 0;
    do {
      for (const auto& call : *gold) {
        done += classifier->ClassifyPost(call.side, call.channel, call.title, call.text)
                    .disposition() != 0;
      }
      elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    } while (elapsed < budget);
    per_second = done / elapsed;
    if (title.empty()) title = "liandong triage " + factory->model_version();
  }
  for (size_t i = 0; i < gold->size(); ++i) {
    report.Add((*gold)[i], predicted[i]);
    const auto& g = (*gold)[i];
    const bool wrong = g.disposition != predicted[i].disposition ||
                       (g.disposition == v1::TRANSFER_12345 && g.item != predicted[i].item);
    // Never on a blind set: its rows must not be read (see data/blind/README.md).
    if (absl::GetFlag(FLAGS_show_errors) && wrong) {
      std::cout << g.id << "\t" << liandong::DispositionLabel(g.disposition) << "/" << g.item
                << " -> " << liandong::DispositionLabel(predicted[i].disposition) << "/"
                << predicted[i].item << "\t" << g.text;
      if (i < reasons.size()) std::cout << "\t(" << reasons[i] << ")";
      std::cout << "\n";
    }
  }
  const bool blind = absl::GetFlag(FLAGS_blind);
  std::cout << report.Format(title, blind ? 0 : absl::GetFlag(FLAGS_confusions), per_second,
                             /*show_rows=*/!blind);
  return 0;
}
