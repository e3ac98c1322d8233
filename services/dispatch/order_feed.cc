#include "order_feed.h"

#include <algorithm>
#include <iostream>
#include <map>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"

namespace liandong::dispatch {
namespace {

constexpr char kBlockMillis[] = "1000";
constexpr int kBatch = 64;
constexpr int kClaimBatch = 16;

// Delivery counts of pending entries between two ids (XPENDING's extended form).
absl::StatusOr<std::map<std::string, int64_t>> DeliveryCounts(store::RedisConnection& conn,
                                                              const std::string& key,
                                                              const std::string& first,
                                                              const std::string& last) {
  LD_ASSIGN_OR_RETURN(
      auto reply, conn.Command({"XPENDING", key, store::Keys::kPartnerGroup, first, last, "1000"}));
  if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));
  std::map<std::string, int64_t> counts;
  for (const auto& e : reply.elements) {
    if (e.elements.size() >= 4) counts[e.elements[0].str] = e.elements[3].integer;
  }
  return counts;
}

}  // namespace

absl::Status ValidateConsumer(const std::string& consumer) {
  if (consumer.empty())
    return absl::InvalidArgumentError("consumer: required (the replica's name)");
  if (consumer.size() > 64) return absl::InvalidArgumentError("consumer: at most 64 characters");
  for (char c : consumer) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-' || c == ':';
    if (!ok) {
      return absl::InvalidArgumentError(
          absl::StrCat("consumer: '", consumer, "' may hold only letters, digits and . _ - :"));
    }
  }
  return absl::OkStatus();
}

bool OrderFeed::Deliver(const std::string& key, const store::StreamEntry& entry, int64_t deliveries,
                        bool redelivery, const Send& send) {
  v1::OrderDelivery d;
  if (!d.mutable_order()->ParseFromString(entry.Field("order"))) {
    // A poison entry: park it with the reason rather than redeliver it forever.
    std::cerr << "dispatch: entry " << entry.id << " on " << key << " is unreadable; dead-lettered"
              << std::endl;
    const std::string destination = key.substr(store_.keys().WorkOrders("").size());
    auto moved = store_.redis().Command({"XADD", store_.keys().DeadLetters(destination), "*",
                                         "entry_id", entry.id, "reason", "unreadable entry"});
    if (moved.ok())
      (void)store_.redis().Command({"XACK", key, store::Keys::kPartnerGroup, entry.id});
    return true;
  }
  const int max = dispatcher_.config().max_deliveries;
  if (deliveries > max) {
    absl::Status parked = dispatcher_.DeadLetter(
        d.order().order_id(),
        absl::StrCat("not signed for after ", max, " deliveries (visibility timeout ",
                     absl::FormatDuration(dispatcher_.config().visibility_timeout), ")"),
        max);
    if (!parked.ok())
      std::cerr << "dispatch: dead-letter " << entry.id << ": " << parked << std::endl;
    return true;
  }
  d.mutable_order()->set_stream_entry_id(entry.id);
  d.set_delivery_count(deliveries);
  d.set_redelivery(redelivery);
  return send(d);
}

bool OrderFeed::DeliverAll(store::RedisConnection& conn, const std::string& key,
                           const std::vector<store::StreamEntry>& entries,
                           const std::map<std::string, int64_t>& counts, bool redelivery,
                           const Send& send, const Stopped& stopped) {
  for (size_t i = 0; i < entries.size(); ++i) {
    auto count = counts.find(entries[i].id);
    // A write to a client that has just cancelled can still succeed, so the subscriber being
    // gone is checked first: what it can no longer take goes back at once.
    if (stopped() ||
        !Deliver(key, entries[i], count == counts.end() ? 1 : count->second, redelivery, send)) {
      Release(conn, key, entries, i, counts);
      return false;
    }
  }
  return true;
}

void OrderFeed::Release(store::RedisConnection& conn, const std::string& key,
                        const std::vector<store::StreamEntry>& entries, size_t from,
                        const std::map<std::string, int64_t>& counts) {
  const std::string idle =
      absl::StrCat(absl::ToInt64Milliseconds(dispatcher_.config().visibility_timeout) + 1);
  for (size_t i = from; i < entries.size(); ++i) {
    // Claimed with JUSTID but marked idle long enough that the next XAUTOCLAIM of any replica
    // takes it. That claim counts a delivery, so the count is set one lower here: handing an
    // order back is not a failed delivery, and a desk that reconnects ten times does not push
    // its orders towards the dead-letter stream.
    auto count = counts.find(entries[i].id);
    const int64_t retry = count == counts.end() ? 0 : std::max<int64_t>(0, count->second - 1);
    (void)conn.Command({"XCLAIM", key, store::Keys::kPartnerGroup, "released", "0", entries[i].id,
                        "IDLE", idle, "RETRYCOUNT", absl::StrCat(retry), "JUSTID"});
  }
}

void OrderFeed::ReleaseAllPending(store::RedisConnection& conn, const std::string& key,
                                  const std::string& consumer) {
  auto pending =
      conn.Command({"XPENDING", key, store::Keys::kPartnerGroup, "-", "+", "1000", consumer});
  if (!pending.ok() || pending->is_error()) return;  // they fall back to the visibility timeout
  std::vector<store::StreamEntry> held;
  std::map<std::string, int64_t> counts;
  for (const auto& p : pending->elements) {
    if (p.elements.size() < 4) continue;
    held.push_back(store::StreamEntry{p.elements[0].str, {}});
    counts[p.elements[0].str] = p.elements[3].integer;
  }
  Release(conn, key, held, 0, counts);
}

absl::StatusOr<int> OrderFeed::Room(store::RedisConnection& conn, const std::string& key,
                                    const std::string& consumer) {
  const int max = dispatcher_.config().max_in_flight;
  LD_ASSIGN_OR_RETURN(auto held, conn.Command({"XPENDING", key, store::Keys::kPartnerGroup, "-",
                                               "+", absl::StrCat(max), consumer}));
  if (held.is_error()) return absl::InternalError(absl::StrCat("redis: ", held.str));
  return max - static_cast<int>(held.elements.size());
}

absl::Status OrderFeed::Run(const std::string& destination, const std::string& consumer,
                            const Send& send, const Stopped& stopped) {
  const std::string key = store_.keys().WorkOrders(destination);
  LD_RETURN_IF_ERROR(store::EnsureGroup(store_.redis(), key, store::Keys::kPartnerGroup));
  // A dedicated connection: blocking reads must not hold a pooled one.
  LD_ASSIGN_OR_RETURN(auto conn, store_.redis().OpenDedicated(absl::Seconds(5)));
  absl::Status served = Serve(*conn, key, consumer, send, stopped);
  // The subscriber is gone (or the server stops): what it held unsigned is anyone's now.
  ReleaseAllPending(*conn, key, consumer);
  return served;
}

absl::Status OrderFeed::Serve(store::RedisConnection& connection, const std::string& key,
                              const std::string& consumer, const Send& send,
                              const Stopped& stopped) {
  const std::string group = store::Keys::kPartnerGroup;
  store::RedisConnection* conn = &connection;

  // Phase 1: this consumer's own pending entries (it reconnected), page by page. They are
  // read with XPENDING and XRANGE, which count nothing: looking again is not a delivery, so
  // re-subscribing can never push an order towards the dead-letter stream.
  std::string after = "-";
  while (!stopped()) {
    LD_ASSIGN_OR_RETURN(auto pending, conn->Command({"XPENDING", key, group, after, "+",
                                                     absl::StrCat(kBatch), consumer}));
    if (pending.is_error()) return absl::InternalError(absl::StrCat("redis: ", pending.str));
    if (pending.elements.empty()) break;
    std::vector<store::StreamEntry> entries;
    std::map<std::string, int64_t> counts;
    for (const auto& p : pending.elements) {
      if (p.elements.size() < 4) continue;
      const std::string& id = p.elements[0].str;
      counts[id] = p.elements[3].integer;
      LD_ASSIGN_OR_RETURN(auto range, conn->Command({"XRANGE", key, id, id}));
      auto found = store::ParseEntries(range);
      if (!found.empty()) entries.push_back(std::move(found.front()));
      after = absl::StrCat("(", id);
    }
    if (!DeliverAll(*conn, key, entries, counts, true, send, stopped)) return absl::OkStatus();
  }
  // Phase 2: entries others left unsigned too long, then new ones as they come.
  const std::string idle_ms =
      absl::StrCat(absl::ToInt64Milliseconds(dispatcher_.config().visibility_timeout));
  // Looking for abandoned entries on every read (busy streams loop often) is wasted work:
  // a scan runs at most every quarter visibility timeout (1 s at most, as the idle loop was),
  // and runs on while a scan has more to see.
  const absl::Duration claim_every =
      std::min(dispatcher_.config().visibility_timeout / 4, absl::Seconds(1));
  absl::Time next_claim = absl::InfinitePast();
  std::string cursor = "0-0";
  while (!stopped()) {
    LD_ASSIGN_OR_RETURN(const int room, Room(*conn, key, consumer));
    if (room <= 0) {  // full: wait for sign-for (or for the subscriber to leave)
      absl::SleepFor(absl::Milliseconds(200));
      continue;
    }
    if (cursor != "0-0" || absl::Now() >= next_claim) {
      LD_ASSIGN_OR_RETURN(
          auto claimed, conn->Command({"XAUTOCLAIM", key, group, consumer, idle_ms, cursor, "COUNT",
                                       absl::StrCat(std::min(room, kClaimBatch))}));
      if (claimed.is_error()) return absl::InternalError(absl::StrCat("redis: ", claimed.str));
      next_claim = absl::Now() + claim_every;
      if (claimed.elements.size() >= 2) {
        cursor = claimed.elements[0].str;
        const auto entries = store::ParseEntries(claimed.elements[1]);
        if (!entries.empty()) {
          LD_ASSIGN_OR_RETURN(auto counts,
                              DeliveryCounts(*conn, key, entries.front().id, entries.back().id));
          if (!DeliverAll(*conn, key, entries, counts, true, send, stopped))
            return absl::OkStatus();
        }
      }
    }
    LD_ASSIGN_OR_RETURN(auto reply, conn->Command({"XREADGROUP", "GROUP", group, consumer, "COUNT",
                                                   absl::StrCat(std::min(room, kBatch)), "BLOCK",
                                                   kBlockMillis, "STREAMS", key, ">"}));
    if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));
    if (!DeliverAll(*conn, key, store::ParseStreamRead(reply), {}, false, send, stopped)) {
      return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

}  // namespace liandong::dispatch
