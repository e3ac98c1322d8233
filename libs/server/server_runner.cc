#include "server/server_runner.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>

#include <iostream>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/synchronization/notification.h"
#include "server/health_port.h"
#include "server/shutdown_signal.h"

namespace liandong::server {

absl::Status RunServer(const ServerConfig& config, const std::vector<grpc::Service*>& services) {
  if (config.credentials == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(config.name, ": no server credentials"));
  }
  grpc::EnableDefaultHealthCheckService(true);
  if (config.reflection) grpc::reflection::InitProtoReflectionServerBuilderPlugin();

  grpc::ServerBuilder builder;
  int port = 0;
  builder.AddListeningPort(config.listen, config.credentials, &port);
  grpc::ResourceQuota quota(config.name);
  quota.SetMaxThreads(config.max_threads);  // the sync server's pool is unbounded otherwise
  builder.SetResourceQuota(quota);
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(config.keepalive)));
  builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS,
                             static_cast<int>(absl::ToInt64Milliseconds(config.keepalive_timeout)));
  // Keep pinging a quiet stream (no orders for a while): that is when a frozen peer hides.
  builder.AddChannelArgument(GRPC_ARG_HTTP2_MAX_PINGS_WITHOUT_DATA, 0);
  for (grpc::Service* s : services) builder.RegisterService(s);
  if (config.rpc_metrics != nullptr) {
    builder.experimental().SetInterceptorCreators(config.rpc_metrics->InterceptorCreators());
  }
  std::unique_ptr<grpc::Server> server = builder.BuildAndStart();
  if (server == nullptr || port == 0) {
    return absl::UnavailableError(absl::StrCat(config.name, ": cannot listen on ", config.listen));
  }
  auto* health = server->GetHealthCheckService();
  std::unique_ptr<HealthPort> probe_port;
  if (!config.health_listen.empty()) {
    auto started = HealthPort::Start(config.health_listen);
    if (!started.ok()) return started.status();
    probe_port = *std::move(started);
  }
  auto set_ready = [&](bool ready) {
    health->SetServingStatus("ready", ready);
    if (probe_port != nullptr) probe_port->SetReady(ready);
  };
  set_ready(config.ready_probe ? config.ready_probe() : true);
  std::cerr << config.name << ": serving on " << config.listen << " (port " << port << "; health"
            << (config.reflection ? ", reflection" : "") << ")" << std::endl;

  absl::Notification stopping;
  std::thread readiness([&] {
    while (!stopping.WaitForNotificationWithTimeout(absl::Seconds(1))) {
      if (config.ready_probe) set_ready(config.ready_probe());
    }
  });

  const int sig = WaitForShutdownSignal();
  std::cerr << config.name << ": signal " << sig << ", shutting down" << std::endl;
  stopping.Notify();
  readiness.join();
  health->Shutdown();  // probes see NOT_SERVING while in-flight calls drain
  if (probe_port != nullptr) probe_port->SetShuttingDown();
  if (config.on_shutdown) config.on_shutdown();
  absl::SleepFor(config.drain);
  server->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(5));
  server->Wait();
  std::cerr << config.name << ": stopped" << std::endl;
  return absl::OkStatus();
}

}  // namespace liandong::server
