// liandong-dispatch: work orders onto destination streams, and partners' sign-for (port 50053).
#include <algorithm>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "common/service_time_zone.h"
#include "dispatch_service.h"
#include "metrics/service_metrics.h"
#include "server/server_runner.h"
#include "server/server_security.h"
#include "server/service_setup.h"
#include "server/shutdown_signal.h"
#include "server/time_zone_flag.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50053", "address to serve gRPC on");
ABSL_FLAG(int, visibility_timeout_ms, 300000,
          "an order delivered but not signed for within this is delivered again");
ABSL_FLAG(int, metrics_poll_ms, 5000, "how often stream backlog and overdue gauges are refreshed");
ABSL_FLAG(int, max_in_flight, 16, "orders one consumer may hold delivered but not signed for");
ABSL_FLAG(int, max_deliveries, 6, "deliveries without sign-for before an order is dead-lettered");

int main(int argc, char** argv) {
  using namespace liandong;
  server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (auto zone = server::TimeZoneFromFlags(); !zone.ok()) {
    std::cerr << "liandong-dispatch: " << zone.status().message() << std::endl;
    return 2;
  }
  auto rules = server::RulesFromFlags();
  if (!rules.ok()) {
    std::cerr << "liandong-dispatch: " << rules.status().message() << std::endl;
    return 2;
  }
  auto security = server::ServerSecurityFromFlags();
  if (!security.ok()) {
    std::cerr << "liandong-dispatch: " << security.status().message() << std::endl;
    return 2;
  }
  auto redis = server::RedisFromFlags();
  metrics::ServiceMetrics metrics("dispatch", server::MetricsListenFromFlags("127.0.0.1:9103"));
  redis->SetErrorObserver(metrics.RedisErrorObserver());
  store::CaseStore store(redis, server::KeysFromFlags());
  auto authz = server::AuthorizerFromFlags(metrics, redis, server::KeysFromFlags());
  if (!authz.ok()) {
    std::cerr << "liandong-dispatch: " << authz.status().message() << std::endl;
    return 2;
  }
  dispatch::DeliveryConfig delivery;
  auto calendar = server::CalendarFromFlags("dispatch", metrics.registry());
  if (!calendar.ok()) {
    std::cerr << "liandong-dispatch: " << calendar.status().message() << std::endl;
    return 2;
  }
  delivery.calendar = *std::move(calendar);
  delivery.zone = ServiceTimeZone();
  delivery.visibility_timeout = absl::Milliseconds(absl::GetFlag(FLAGS_visibility_timeout_ms));
  delivery.max_deliveries = absl::GetFlag(FLAGS_max_deliveries);
  delivery.max_in_flight = std::max(1, absl::GetFlag(FLAGS_max_in_flight));
  dispatch::Dispatcher dispatcher(store, **rules, std::move(delivery));
  if (auto prepared = dispatcher.PrepareStreams(); !prepared.ok()) {
    // Not fatal: groups are also created on first use, once Redis is back.
    std::cerr << "liandong-dispatch: streams not prepared yet: " << prepared.message() << std::endl;
  }
  dispatch::OrderFeed feed(store, dispatcher);
  dispatch::DispatchMetrics dispatch_metrics(
      metrics.registry(), store, **rules, absl::Milliseconds(absl::GetFlag(FLAGS_metrics_poll_ms)));
  dispatch_metrics.Start();
  dispatch::DispatchServiceImpl service(dispatcher, feed, **authz, &dispatch_metrics);

  server::WatchRulesFromFlags(**rules);
  server::ServerConfig config;
  config.name = "liandong-dispatch";
  config.listen = absl::GetFlag(FLAGS_listen);
  server::ApplySecurity(*security, config);
  config.ready_probe = [redis] { return redis->Ping().ok(); };
  config.rpc_metrics = &metrics.rpc();
  config.on_shutdown = [&service, &dispatch_metrics] {
    service.Stop();
    dispatch_metrics.Stop();
  };
  auto status = server::RunServer(config, {&service});
  if (!status.ok()) {
    std::cerr << status.message() << std::endl;
    return 1;
  }
  return 0;
}
