// liandong-archiver: ld:events → PostgreSQL, the system of record (port 50055, metrics 9105).
// Also keeps Redis bounded (retention of archived closed cases, stream trimming) and serves
// RecordService (lists, search, queues, case history, KPIs, CSV) from the record.
#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "archiver.h"
#include "metrics/service_metrics.h"
#include "record/migrations.h"
#include "record_kpi_gauges.h"
#include "record_service.h"
#include "redis_trimmer.h"
#include "server/server_runner.h"
#include "server/server_security.h"
#include "server/service_setup.h"
#include "server/shutdown_signal.h"
#include "server/time_zone_flag.h"

ABSL_FLAG(std::string, listen, "127.0.0.1:50055", "address to serve gRPC on");
ABSL_FLAG(std::string, postgres, "",
          "libpq connection string (or env LIANDONG_POSTGRES), e.g. "
          "'host=127.0.0.1 port=5432 dbname=liandong user=ld'");
ABSL_FLAG(std::string, migrations, LIANDONG_SQL_DIR, "directory of the versioned SQL migrations");
ABSL_FLAG(std::string, phone_key_file, "", "file holding the HMAC key for caller phones (≥16 B)");
ABSL_FLAG(std::string, consumer, "",
          "this replica's consumer name in the group (default: $HOSTNAME, the pod name)");
ABSL_FLAG(int, batch, 256, "events per PostgreSQL transaction (at most)");
ABSL_FLAG(absl::Duration, retention, absl::Hours(24 * 7),
          "how long a closed case stays in Redis once archived");
ABSL_FLAG(absl::Duration, trim_interval, absl::Seconds(60), "how often streams are trimmed");
ABSL_FLAG(absl::Duration, events_keep, absl::Hours(25),
          "ld:events history kept in Redis even when archived (feedback's 24 h KPI gauges)");
ABSL_FLAG(absl::Duration, outcomes_keep, absl::Hours(24 * 7), "outcome stream history kept");
ABSL_FLAG(absl::Duration, kpi_window, absl::Hours(24), "window of the exported KPI gauges");
ABSL_FLAG(absl::Duration, kpi_interval, absl::Seconds(60),
          "how often the KPI gauges are computed from the record (0: not exported here)");
ABSL_FLAG(absl::Duration, claim_idle, absl::Seconds(60),
          "take over entries another replica left unacknowledged this long");

int main(int argc, char** argv) {
  using namespace liandong;
  server::BlockShutdownSignals();
  absl::ParseCommandLine(argc, argv);
  if (auto zone = server::TimeZoneFromFlags(); !zone.ok()) {
    std::cerr << "liandong-archiver: " << zone.status().message() << std::endl;
    return 2;
  }
  auto security = server::ServerSecurityFromFlags();
  if (!security.ok()) {
    std::cerr << "liandong-archiver: " << security.status().message() << std::endl;
    return 2;
  }
  std::string conninfo = absl::GetFlag(FLAGS_postgres);
  if (const char* env = std::getenv("LIANDONG_POSTGRES"); env && conninfo.empty()) conninfo = env;
  if (conninfo.empty()) {
    std::cerr << "liandong-archiver: --postgres: required (a libpq connection string)" << std::endl;
    return 2;
  }
  auto hasher = record::PhoneHasher::FromFile(absl::GetFlag(FLAGS_phone_key_file));
  if (!hasher.ok()) {
    std::cerr << "liandong-archiver: " << hasher.status().message() << std::endl;
    return 2;
  }
  if (absl::GetFlag(FLAGS_batch) < 1 || absl::GetFlag(FLAGS_batch) > 10000) {
    std::cerr << "liandong-archiver: --batch: must be 1 to 10000" << std::endl;
    return 2;
  }
  record::PgPool pg(conninfo);
  // Migrations first: a schema the binary does not expect must stop it, not corrupt the record.
  // PostgreSQL may still be starting (compose, k8s): wait for it rather than crash-loop.
  for (int attempt = 0;; ++attempt) {
    auto applied = record::ApplyMigrations(pg, absl::GetFlag(FLAGS_migrations));
    if (applied.ok()) {
      for (const auto& m : *applied) std::cerr << "liandong-archiver: applied " << m << std::endl;
      break;
    }
    if (applied.status().code() != absl::StatusCode::kUnavailable || attempt >= 60) {
      std::cerr << "liandong-archiver: " << applied.status().message() << std::endl;
      return 2;
    }
    absl::SleepFor(absl::Seconds(1));
  }
  auto redis = server::RedisFromFlags();
  const store::Keys keys = server::KeysFromFlags();
  metrics::ServiceMetrics metrics("archiver", server::MetricsListenFromFlags("127.0.0.1:9105"));
  redis->SetErrorObserver(metrics.RedisErrorObserver());
  auto authz = server::AuthorizerFromFlags(metrics, redis, keys);
  if (!authz.ok()) {
    std::cerr << "liandong-archiver: " << authz.status().message() << std::endl;
    return 2;
  }
  archiver::ArchiverMetrics archiver_metrics(metrics.registry());

  archiver::ArchiverConfig config;
  config.consumer = absl::GetFlag(FLAGS_consumer);
  if (config.consumer.empty()) {
    const char* host = std::getenv("HOSTNAME");
    config.consumer = host != nullptr && *host != '\0' ? host : "archiver-1";
  }
  config.batch = absl::GetFlag(FLAGS_batch);
  config.retention = absl::GetFlag(FLAGS_retention);
  config.claim_idle = absl::GetFlag(FLAGS_claim_idle);
  archiver::Archiver archiver(redis, keys, pg, *hasher, config, archiver_metrics);
  archiver.Start();
  archiver::TrimConfig trim;
  trim.archiver_group = config.group;
  trim.interval = absl::GetFlag(FLAGS_trim_interval);
  trim.events_keep = absl::GetFlag(FLAGS_events_keep);
  trim.outcomes_keep = absl::GetFlag(FLAGS_outcomes_keep);
  archiver::RedisTrimmer trimmer(redis, keys, trim, archiver_metrics);
  trimmer.Start();

  archiver::RecordKpiGauges kpi_gauges(pg, metrics.registry(), absl::GetFlag(FLAGS_kpi_window),
                                       absl::GetFlag(FLAGS_kpi_interval));
  kpi_gauges.Start();

  record::RecordQueries queries(pg, *hasher);
  archiver::RecordServiceImpl service(pg, queries, **authz);
  server::ServerConfig server_config;
  server_config.name = "liandong-archiver";
  server_config.listen = absl::GetFlag(FLAGS_listen);
  server::ApplySecurity(*security, server_config);
  server_config.ready_probe = [redis, &pg, &archiver_metrics] {
    const bool pg_ok = pg.Ping().ok();
    archiver_metrics.postgres_up.Set(pg_ok ? 1 : 0);
    return pg_ok && redis->Ping().ok();
  };
  server_config.rpc_metrics = &metrics.rpc();
  server_config.on_shutdown = [&archiver, &trimmer, &kpi_gauges] {
    archiver.Stop();
    trimmer.Stop();
    kpi_gauges.Stop();
  };
  auto status = server::RunServer(server_config, {&service});
  if (!status.ok()) {
    std::cerr << status.message() << std::endl;
    return 1;
  }
  return 0;
}
