#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "absl/time/time.h"
#include "archiver_metrics.h"
#include "record/archive_writer.h"
#include "record/pg_client.h"
#include "record/phone_hash.h"
#include "store/keys.h"
#include "store/redis_client.h"

namespace liandong::archiver {

struct ArchiverConfig {
  std::string group = "archiver";  // consumer group on ld:events
  std::string consumer = "archiver-1";
  int batch = 256;
  absl::Duration block = absl::Seconds(1);
  // How long a closed case stays in Redis once its events are archived.
  absl::Duration retention = absl::Hours(24 * 7);
  // Entries another consumer (a dead replica) left unacknowledged this long are taken over;
  // looked for every claim_interval, not on every read.
  absl::Duration claim_idle = absl::Seconds(60);
  absl::Duration claim_interval = absl::Seconds(30);
};

// Reads ld:events through a consumer group and writes each batch to PostgreSQL in one
// transaction, acknowledging the entries only after the commit. A crash between commit and
// acknowledgement re-reads the batch, which inserts nothing new (events are keyed by stream
// id). While PostgreSQL is down the batch is retried and Redis keeps the rest in the stream.
class Archiver {
 public:
  Archiver(std::shared_ptr<store::RedisClient> redis, store::Keys keys, record::PgPool& pg,
           const record::PhoneHasher& hasher, ArchiverConfig config, ArchiverMetrics& metrics)
      : redis_(std::move(redis)),
        keys_(std::move(keys)),
        pg_(pg),
        hasher_(hasher),
        config_(std::move(config)),
        metrics_(metrics) {}
  ~Archiver() { Stop(); }

  void Start();
  void Stop();

 private:
  void Loop();
  // One read-archive-acknowledge round; false when nothing was read.
  absl::StatusOr<bool> Round(store::RedisConnection& conn, bool* own_pending);
  // Writes until it succeeds or the archiver stops; false when stopped first.
  bool WriteRetrying(const record::ArchiveBatch& batch);
  absl::Status Acknowledge(const record::ArchiveBatch& batch);
  absl::Status Claim(store::RedisConnection& conn);

  std::shared_ptr<store::RedisClient> redis_;
  store::Keys keys_;
  record::PgPool& pg_;
  const record::PhoneHasher& hasher_;
  ArchiverConfig config_;
  ArchiverMetrics& metrics_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  std::string after_ = "0";  // where reading our own pending list continues
  absl::Time last_claim_ = absl::InfinitePast();
};

}  // namespace liandong::archiver
