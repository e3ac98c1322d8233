#include "archiver.h"

#include <algorithm>
#include <iostream>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "store/streams.h"

namespace liandong::archiver {
namespace {

// Sleeps up to `d` in short steps, returning early once `stop` is set.
void SleepUnlessStopped(absl::Duration d, const std::atomic<bool>& stop) {
  const absl::Time until = absl::Now() + d;
  while (!stop && absl::Now() < until) absl::SleepFor(absl::Milliseconds(50));
}

}  // namespace

void Archiver::Start() {
  thread_ = std::thread([this] { Loop(); });
}

void Archiver::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
}

void Archiver::Loop() {
  std::unique_ptr<store::RedisConnection> conn;
  bool own_pending = true;  // after a start or an error, first finish what we took before
  while (!stop_) {
    if (conn == nullptr || conn->broken()) {
      auto opened = redis_->OpenDedicated(config_.block + absl::Seconds(5));
      absl::Status ready = opened.ok() ? store::EnsureGroup(*redis_, keys_.Events(), config_.group)
                                       : opened.status();
      if (!ready.ok()) {
        conn.reset();
        SleepUnlessStopped(absl::Milliseconds(500), stop_);
        continue;
      }
      conn = *std::move(opened);
      own_pending = true;
      after_ = "0";
    }
    if (absl::Now() - last_claim_ >= config_.claim_interval) {
      absl::Status claimed = Claim(*conn);
      if (!claimed.ok()) std::cerr << "archiver: claim: " << claimed << std::endl;
      last_claim_ = absl::Now();
      own_pending = true;
      after_ = "0";
    }
    auto round = Round(*conn, &own_pending);
    if (!round.ok()) {
      std::cerr << "archiver: " << round.status() << std::endl;
      if (absl::StrContains(round.status().message(), "NOGROUP")) {
        conn.reset();  // Redis lost the group (no AOF): recreate it and start over, idempotently
      }
      own_pending = true;
      after_ = "0";
      SleepUnlessStopped(absl::Milliseconds(200), stop_);
    }
  }
}

absl::StatusOr<bool> Archiver::Round(store::RedisConnection& conn, bool* own_pending) {
  const std::string key = keys_.Events();
  std::vector<std::string> argv = {"XREADGROUP",     "GROUP", config_.group,
                                   config_.consumer, "COUNT", absl::StrCat(config_.batch)};
  if (!*own_pending) {
    argv.insert(argv.end(), {"BLOCK", absl::StrCat(absl::ToInt64Milliseconds(config_.block))});
  }
  argv.insert(argv.end(), {"STREAMS", key, *own_pending ? after_ : ">"});
  LD_ASSIGN_OR_RETURN(auto reply, conn.Command(argv));
  if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));

  // Raw ids too: an entry deleted while pending comes back as [id, nil] and is acknowledged.
  std::vector<std::string> gone;
  size_t raw = 0;
  if (reply.is_array() && !reply.elements.empty() && reply.elements[0].elements.size() >= 2) {
    for (const auto& e : reply.elements[0].elements[1].elements) {
      ++raw;
      if (!e.elements.empty()) after_ = e.elements[0].str;
      if (e.elements.size() < 2 || e.elements[1].is_nil()) gone.push_back(e.elements[0].str);
    }
  }
  if (raw == 0) {
    *own_pending = false;  // our pending list is done: new entries from here on
    return false;
  }
  record::ArchiveBatch batch;
  batch.stream = key;
  batch.events = store::ParseStreamRead(reply);
  for (const auto& e : batch.events) {
    const std::string case_id = e.Field("case_id");
    if (case_id.empty() || batch.cases.count(case_id)) continue;
    LD_ASSIGN_OR_RETURN(auto snap, redis_->Command({"HGET", keys_.Case(case_id), "case"}));
    v1::Case c;
    if (!snap.is_nil() && c.ParseFromString(snap.str)) batch.cases.emplace(case_id, std::move(c));
  }
  if (!WriteRetrying(batch)) return true;  // stopping: the batch stays pending for next time
  for (const auto& id : gone) batch.events.push_back({id, {}});
  LD_RETURN_IF_ERROR(Acknowledge(batch));
  return true;
}

bool Archiver::WriteRetrying(const record::ArchiveBatch& batch) {
  absl::Duration backoff = absl::Milliseconds(200);
  while (!stop_) {
    absl::StatusOr<int64_t> added = absl::UnavailableError("postgres: no connection");
    auto conn = pg_.Acquire();
    if (conn.ok()) added = record::WriteBatch(**conn, hasher_, batch);
    if (added.ok()) {
      metrics_.postgres_up.Set(1);
      metrics_.events_archived.Increment(static_cast<double>(*added));
      metrics_.events_repeated.Increment(static_cast<double>(batch.events.size() - *added));
      return true;
    }
    metrics_.postgres_up.Set(0);
    metrics_.postgres_errors.Increment();
    std::cerr << "archiver: write of " << batch.events.size() << " events: " << added.status()
              << " (retrying in " << absl::FormatDuration(backoff) << ")" << std::endl;
    SleepUnlessStopped(backoff, stop_);
    backoff = std::min(backoff * 2, absl::Seconds(5));
  }
  return false;
}

absl::Status Archiver::Acknowledge(const record::ArchiveBatch& batch) {
  std::vector<std::string> argv = {"XACK", batch.stream, config_.group};
  for (const auto& e : batch.events) argv.push_back(e.id);
  LD_ASSIGN_OR_RETURN(auto acked, redis_->Command(argv));
  (void)acked;
  // Archived and closed: the hot copy may go after the retention (closed is final).
  const std::string ttl = absl::StrCat(absl::ToInt64Seconds(config_.retention));
  for (const auto& [id, c] : batch.cases) {
    if (c.status() != v1::CASE_CLOSED) continue;
    LD_ASSIGN_OR_RETURN(auto set, redis_->Command({"EXPIRE", keys_.Case(id), ttl}));
    if (set.integer == 1) metrics_.cases_expiring.Increment();
  }
  return absl::OkStatus();
}

absl::Status Archiver::Claim(store::RedisConnection& conn) {
  LD_ASSIGN_OR_RETURN(
      auto reply, conn.Command({"XAUTOCLAIM", keys_.Events(), config_.group, config_.consumer,
                                absl::StrCat(absl::ToInt64Milliseconds(config_.claim_idle)), "0-0",
                                "COUNT", absl::StrCat(config_.batch), "JUSTID"}));
  if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));
  return absl::OkStatus();
}

}  // namespace liandong::archiver
