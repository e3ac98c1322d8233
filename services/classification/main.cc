// liandong-classifier: the classification service, or a batch run over a TSV file.
#include <fstream>
#include <iostream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "classification_service.h"
#include "metrics/service_metrics.h"
#include "rules/rule_table_loader.h"
#include "server/server_runner.h"
#include "server/server_security.h"
#include "server/service_setup.h"
#include "server/shutdown_signal.h"
#include "server/time_zone_flag.h"
#include "swappable_classifier.h"
#include "triage/batch.h"
#include "triage/engine_factory.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50052", "address to serve gRPC on");
ABSL_FLAG(std::string, batch, "", "classify this TSV (id, side, text columns) and exit");
ABSL_FLAG(int, batch_threads, 0, "threads for --batch (0: one per core); output keeps input order");

int main(int argc, char** argv) {
  liandong::server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (auto zone = liandong::server::TimeZoneFromFlags(); !zone.ok()) {
    std::cerr << "liandong-classifier: " << zone.status().message() << std::endl;
    return 2;
  }
  auto rules = liandong::server::RulesFromFlags();  // --rules, or the installed table
  if (!rules.ok()) {
    std::cerr << "liandong-classifier: " << rules.status().message() << std::endl;
    return 2;
  }
  // The model and normalisation table (--model, --normalization): refused at start if broken.
  auto factory = liandong::triage::EngineFactory::Load(liandong::triage::EngineConfigFromFlags());
  if (!factory.ok()) {
    std::cerr << "liandong-classifier: " << factory.status().message() << std::endl;
    return 2;
  }
  auto classifier = factory->Build((*rules)->Get());

  if (const std::string batch = absl::GetFlag(FLAGS_batch); !batch.empty()) {
    std::ifstream in(batch, std::ios::binary);
    if (!in) {
      std::cerr << "liandong-classifier: cannot open '" << batch << "'" << std::endl;
      return 2;
    }
    std::ios::sync_with_stdio(false);
    liandong::triage::BatchStats stats;
    int threads = absl::GetFlag(FLAGS_batch_threads);
    if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    auto status =
        liandong::triage::RunBatch(*classifier, in, std::cout, std::cerr, &stats, threads);
    std::cout.flush();
    if (!status.ok()) {
      std::cerr << "liandong-classifier: " << status.message() << std::endl;
      return 2;
    }
    return stats.skipped > 0 ? 1 : 0;
  }

  auto security = liandong::server::ServerSecurityFromFlags();
  if (!security.ok()) {
    std::cerr << "liandong-classifier: " << security.status().message() << std::endl;
    return 2;
  }
  liandong::metrics::ServiceMetrics metrics(
      "classification", liandong::server::MetricsListenFromFlags("127.0.0.1:9102"));
  // Stateless: refusals are counted and logged, not written to Redis.
  auto authz = liandong::server::AuthorizerFromFlags(metrics, nullptr, liandong::store::Keys());
  if (!authz.ok()) {
    std::cerr << "liandong-classifier: " << authz.status().message() << std::endl;
    return 2;
  }
  liandong::classification::ClassificationMetrics classification_metrics(metrics.registry());
  auto swappable = std::make_shared<liandong::classification::SwappableClassifier>(classifier);
  liandong::server::WatchRulesFromFlags(
      **rules,
      [swappable, engines = *factory](std::shared_ptr<const liandong::rules::RuleIndex> next) {
        swappable->Swap(engines.Build(std::move(next)));
      });
  liandong::classification::ClassificationServiceImpl service(
      swappable, **rules, factory->model_version(), **authz, &classification_metrics);
  liandong::server::ServerConfig config;
  config.name = "liandong-classifier";
  config.listen = absl::GetFlag(FLAGS_listen);
  liandong::server::ApplySecurity(*security, config);
  config.rpc_metrics = &metrics.rpc();
  auto status = liandong::server::RunServer(config, {&service});
  if (!status.ok()) {
    std::cerr << status.message() << std::endl;
    return 1;
  }
  return 0;
}
