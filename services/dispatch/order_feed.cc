#include "order_feed.h"

#include <iostream>

#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "store/streams.h"

namespace liandong::dispatch {
namespace {

constexpr char kBlockMillis[] = "1000";
constexpr char kBatch[] = "64";

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

absl::Status OrderFeed::Run(const std::string& destination, const std::string& consumer,
                            const Send& send, const Stopped& stopped) {
  const std::string key = store_.keys().WorkOrders(destination);
  const std::string group = store::Keys::kPartnerGroup;
  LD_RETURN_IF_ERROR(store::EnsureGroup(store_.redis(), key, group));
  // A dedicated connection: blocking reads must not hold a pooled one.
  LD_ASSIGN_OR_RETURN(auto conn, store_.redis().OpenDedicated(absl::Seconds(5)));

  auto deliver = [&](const store::StreamEntry& e, bool redelivery) {
    v1::OrderDelivery d;
    if (!d.mutable_order()->ParseFromString(e.Field("order"))) {
      std::cerr << "dispatch: entry " << e.id << " on " << key << " has no readable order; skipped"
                << std::endl;
      return true;
    }
    d.mutable_order()->set_stream_entry_id(e.id);
    d.set_redelivery(redelivery);
    d.set_delivery_count(redelivery ? 2 : 1);
    return send(d);
  };

  // Phase 1: this consumer's own pending entries, page by page.
  std::string after = "0";
  while (!stopped()) {
    LD_ASSIGN_OR_RETURN(auto reply, conn->Command({"XREADGROUP", "GROUP", group, consumer, "COUNT",
                                                   kBatch, "STREAMS", key, after}));
    if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));
    const auto entries = store::ParseStreamRead(reply);
    if (entries.empty()) break;
    for (const auto& e : entries) {
      if (!deliver(e, true)) return absl::OkStatus();
    }
    after = entries.back().id;
  }
  // Phase 2: new entries as they come.
  while (!stopped()) {
    LD_ASSIGN_OR_RETURN(
        auto reply, conn->Command({"XREADGROUP", "GROUP", group, consumer, "COUNT", kBatch, "BLOCK",
                                   kBlockMillis, "STREAMS", key, ">"}));
    if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));
    for (const auto& e : store::ParseStreamRead(reply)) {
      if (!deliver(e, false)) return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

}  // namespace liandong::dispatch
