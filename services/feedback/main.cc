// liandong-feedback: the closed loop after sign-for (port 50054).
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "common/service_time_zone.h"
#include "feedback_service.h"
#include "kpi_exporter.h"
#include "metrics/service_metrics.h"
#include "prometheus/counter.h"
#include "prometheus/gauge.h"
#include "server/server_runner.h"
#include "server/server_security.h"
#include "server/service_setup.h"
#include "server/shutdown_signal.h"
#include "server/time_zone_flag.h"
#include "sla_sweeper.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50054", "address to serve gRPC on");
ABSL_FLAG(int, clock_interval_ms, 1000, "how often due SLA clocks are looked for");
ABSL_FLAG(int, max_clock_skew_ms, 2000,
          "a replica whose clock is further than this from Redis's fires no SLA clock");
ABSL_FLAG(int, kpi_window_hours, 24, "the window of the exported KPI gauges");
ABSL_FLAG(int, kpi_interval_ms, 30000, "how often the exported KPI gauges are recomputed");

int main(int argc, char** argv) {
  using namespace liandong;
  server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (auto zone = server::TimeZoneFromFlags(); !zone.ok()) {
    std::cerr << "liandong-feedback: " << zone.status().message() << std::endl;
    return 2;
  }
  auto security = server::ServerSecurityFromFlags();
  if (!security.ok()) {
    std::cerr << "liandong-feedback: " << security.status().message() << std::endl;
    return 2;
  }
  auto redis = server::RedisFromFlags();
  store::CaseStore store(redis, server::KeysFromFlags());
  auto rules = server::RulesFromFlags();
  if (!rules.ok()) {
    std::cerr << "liandong-feedback: " << rules.status().message() << std::endl;
    return 2;
  }
  metrics::ServiceMetrics metrics("feedback", server::MetricsListenFromFlags("127.0.0.1:9104"));
  auto calendar = server::CalendarFromFlags("feedback", metrics.registry());
  if (!calendar.ok()) {
    std::cerr << "liandong-feedback: " << calendar.status().message() << std::endl;
    return 2;
  }
  feedback::ClosedLoop loop(store, **rules, *std::move(calendar), ServiceTimeZone());
  feedback::OutcomeFeed outcomes(store);
  feedback::SupervisionViews views(store);
  redis->SetErrorObserver(metrics.RedisErrorObserver());
  auto authz = server::AuthorizerFromFlags(metrics, redis, server::KeysFromFlags());
  if (!authz.ok()) {
    std::cerr << "liandong-feedback: " << authz.status().message() << std::endl;
    return 2;
  }
  feedback::FeedbackServiceImpl service(loop, outcomes, views, **authz, store);
  feedback::KpiExporter kpis(views, metrics.registry(),
                             absl::Hours(absl::GetFlag(FLAGS_kpi_window_hours)),
                             absl::Milliseconds(absl::GetFlag(FLAGS_kpi_interval_ms)));
  kpis.Start();
  auto& sla_events = prometheus::BuildCounter()
                         .Name("liandong_feedback_sla_events_total")
                         .Help(
                             "SLA clocks fired: reminder (80 %), supervision (deadline missed), "
                             "escalated (5 working days later)")
                         .Register(metrics.registry());
  auto& clock_skew = prometheus::BuildGauge()
                         .Name("liandong_feedback_clock_skew_seconds")
                         .Help("this replica's clock minus Redis's (TIME), at the last SLA sweep")
                         .Register(metrics.registry())
                         .Add({});
  auto& skew_refusals =
      prometheus::BuildCounter()
          .Name("liandong_feedback_clock_skew_refusals_total")
          .Help("SLA sweeps skipped because this replica's clock was beyond --max_clock_skew_ms")
          .Register(metrics.registry())
          .Add({});
  feedback::SlaSweeper::Observers observers;
  observers.on_fired = [&sla_events](const std::string& type) {
    sla_events.Add({{"type", type}}).Increment();
  };
  observers.on_skew = [&clock_skew, &skew_refusals](double skew, bool refused) {
    clock_skew.Set(skew);
    if (refused) skew_refusals.Increment();
  };
  feedback::SlaSweeper sweeper(store, absl::Milliseconds(absl::GetFlag(FLAGS_clock_interval_ms)),
                               absl::Milliseconds(absl::GetFlag(FLAGS_max_clock_skew_ms)),
                               std::move(observers));
  sweeper.Start();

  server::WatchRulesFromFlags(**rules);
  server::ServerConfig config;
  config.name = "liandong-feedback";
  config.listen = absl::GetFlag(FLAGS_listen);
  server::ApplySecurity(*security, config);
  config.ready_probe = [redis] { return redis->Ping().ok(); };
  config.rpc_metrics = &metrics.rpc();
  config.on_shutdown = [&service, &sweeper, &kpis] {
    service.Stop();
    sweeper.Stop();
    kpis.Stop();
  };
  auto status = server::RunServer(config, {&service});
  if (!status.ok()) {
    std::cerr << status.message() << std::endl;
    return 1;
  }
  return 0;
}
