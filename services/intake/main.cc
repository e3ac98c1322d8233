// liandong-intake: where calls enter the suite (port 50051).
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "common/service_time_zone.h"
#include "intake.h"
#include "intake_service.h"
#include "metrics/service_metrics.h"
#include "server/server_runner.h"
#include "server/server_security.h"
#include "server/service_setup.h"
#include "server/shutdown_signal.h"
#include "server/time_zone_flag.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50051", "address to serve gRPC on");
ABSL_FLAG(std::string, classification, "127.0.0.1:50052", "classification service address");
ABSL_FLAG(int, duplicate_window_hours, 24,
          "calls about the same item and address within this are linked to the open case");

int main(int argc, char** argv) {
  using namespace liandong;
  server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (auto zone = server::TimeZoneFromFlags(); !zone.ok()) {
    std::cerr << "liandong-intake: " << zone.status().message() << std::endl;
    return 2;
  }
  auto rules = server::RulesFromFlags();
  if (!rules.ok()) {
    std::cerr << "liandong-intake: " << rules.status().message() << std::endl;
    return 2;
  }
  auto security = server::ServerSecurityFromFlags();
  if (!security.ok()) {
    std::cerr << "liandong-intake: " << security.status().message() << std::endl;
    return 2;
  }
  auto redis = server::RedisFromFlags();
  metrics::ServiceMetrics metrics("intake", server::MetricsListenFromFlags("127.0.0.1:9101"));
  redis->SetErrorObserver(metrics.RedisErrorObserver());
  store::CaseStore store(redis, server::KeysFromFlags());
  auto authz = server::AuthorizerFromFlags(metrics, redis, server::KeysFromFlags());
  if (!authz.ok()) {
    std::cerr << "liandong-intake: " << authz.status().message() << std::endl;
    return 2;
  }
  intake::GrpcTriageSource triage(absl::GetFlag(FLAGS_classification), security->peers,
                                  server::RpcTimeoutFromFlags());
  auto calendar = server::CalendarFromFlags("intake", metrics.registry());
  if (!calendar.ok()) {
    std::cerr << "liandong-intake: " << calendar.status().message() << std::endl;
    return 2;
  }
  intake::OrderDeadlines deadlines{*std::move(calendar), ServiceTimeZone()};
  intake::Intake logic(store, **rules, triage, std::move(deadlines),
                       absl::Hours(absl::GetFlag(FLAGS_duplicate_window_hours)));
  intake::IntakeMetrics intake_metrics(metrics.registry());
  logic.SetObserver({nullptr, [&intake_metrics](const v1::WorkOrder& o) {
                       intake_metrics.OrderWritten(o);
                     }});
  intake::IntakeServiceImpl service(logic, **authz, store, **rules, &intake_metrics);

  server::WatchRulesFromFlags(**rules);
  server::ServerConfig config;
  config.name = "liandong-intake";
  config.listen = absl::GetFlag(FLAGS_listen);
  server::ApplySecurity(*security, config);
  config.ready_probe = [redis] { return redis->Ping().ok(); };
  config.rpc_metrics = &metrics.rpc();
  auto status = server::RunServer(config, {&service});
  if (!status.ok()) {
    std::cerr << status.message() << std::endl;
    return 1;
  }
  return 0;
}
