#include "outcome_feed.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "store/streams.h"

namespace liandong::feedback {
namespace {

// "", "0", "<ms>" or "<ms>-<seq>".
bool IsStreamId(const std::string& id) {
  if (id.empty()) return true;
  std::vector<std::string> parts = absl::StrSplit(id, '-');
  if (parts.size() > 2) return false;
  for (const auto& p : parts) {
    uint64_t v;
    if (!absl::SimpleAtoi(p, &v)) return false;
  }
  return true;
}

}  // namespace

absl::Status OutcomeFeed::Run(const v1::WatchOutcomesRequest& req, const Send& send,
                              const Stopped& stopped) {
  if (req.side() != v1::SIDE_110 && req.side() != v1::SIDE_12345) {
    return absl::InvalidArgumentError("side: required (SIDE_110 or SIDE_12345)");
  }
  if (!IsStreamId(req.after_id())) {
    return absl::InvalidArgumentError(absl::StrCat(
        "after_id: '", req.after_id(), "' is not a stream id (e.g. 0 or 1700000000000-0)"));
  }
  const std::string key = store_.keys().Outcomes(req.side());
  LD_ASSIGN_OR_RETURN(auto conn, store_.redis().OpenDedicated(absl::Seconds(5)));
  std::string after = req.after_id();
  if (after.empty()) {
    // "Only new": start after the newest entry now, so nothing between two reads is skipped.
    LD_ASSIGN_OR_RETURN(auto last, conn->Command({"XREVRANGE", key, "+", "-", "COUNT", "1"}));
    const auto newest = store::ParseEntries(last);
    after = newest.empty() ? "0" : newest.front().id;
  }
  while (!stopped()) {
    LD_ASSIGN_OR_RETURN(auto reply, conn->Command({"XREAD", "COUNT", "64", "BLOCK", "1000",
                                                   "STREAMS", key, after}));
    if (reply.is_error()) return absl::InternalError(absl::StrCat("redis: ", reply.str));
    const auto entries = store::ParseStreamRead(reply);
    for (const auto& e : entries) {
      after = e.id;
      if (!req.case_id().empty() && e.Field("case_id") != req.case_id()) continue;
      v1::Outcome o;
      o.set_stream_id(e.id);
      o.set_case_id(e.Field("case_id"));
      o.set_order_id(e.Field("order_id"));
      o.set_type(e.Field("type"));
      o.set_actor(e.Field("actor"));
      o.set_detail(e.Field("detail"));
      o.set_to_side(req.side());
      int64_t ms = 0;
      if (absl::SimpleAtoi(e.Field("at_ms"), &ms))
        *o.mutable_at() = ToProto(absl::FromUnixMillis(ms));
      if (!send(o)) return absl::OkStatus();
    }
  }
  return absl::OkStatus();
}

}  // namespace liandong::feedback
