#include "supervision_views.h"

#include <map>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/status_macros.h"
#include "common/time_util.h"
#include "kpi/kpi_calculator.h"
#include "store/streams.h"
#include "workflow/orders.h"

namespace liandong::feedback {
namespace {

constexpr char kPage[] = "2000";
constexpr int kMaxAttention = 500;
constexpr int kRecentSupervision = 50;

}  // namespace

absl::StatusOr<v1::KpiReport> SupervisionViews::Kpis(const v1::GetKpisRequest& req) {
  LD_ASSIGN_OR_RETURN(const KpiWindow window, KpiWindowOf(req, absl::Now()));
  std::vector<store::StreamEntry> events;
  std::string start = absl::StrCat(window.from_ms);
  const std::string end = absl::StrCat(window.to_ms);
  for (;;) {  // page through the window in stream order
    LD_ASSIGN_OR_RETURN(auto reply, store_.redis().Command({"XRANGE", store_.keys().Events(), start,
                                                            end, "COUNT", kPage}));
    auto page = store::ParseEntries(reply);
    if (page.empty()) break;
    start = absl::StrCat("(", page.back().id);
    events.insert(events.end(), std::make_move_iterator(page.begin()),
                  std::make_move_iterator(page.end()));
  }
  LD_ASSIGN_OR_RETURN(v1::KpiReport report, ComputeKpis(events, req.group_by(), window.as_of));
  StampWindow(window, report);
  return report;
}

absl::StatusOr<v1::ListAttentionResponse> SupervisionViews::Attention(
    const v1::ListAttentionRequest& req) {
  if (req.horizon_minutes() < 0) return absl::InvalidArgumentError("horizon_minutes: negative");
  const int horizon = req.horizon_minutes() == 0 ? 60 : req.horizon_minutes();
  const absl::Time now = absl::Now();
  LD_ASSIGN_OR_RETURN(auto due, store_.redis().Command(
                                    {"ZRANGEBYSCORE", store_.keys().Deadlines(), "-inf",
                                     absl::StrCat(absl::ToUnixMillis(now + absl::Minutes(horizon))),
                                     "WITHSCORES", "LIMIT", "0", absl::StrCat(kMaxAttention)}));
  v1::ListAttentionResponse out;
  std::map<std::string, v1::Case> cases;  // each case read once
  for (size_t i = 0; i + 1 < due.elements.size(); i += 2) {
    const std::string& member = due.elements[i].str;
    const size_t bar = member.rfind('|');
    if (bar == std::string::npos) continue;
    const std::string order_id = member.substr(0, bar);
    auto case_id = workflow::CaseIdOfOrder(order_id);
    if (!case_id.ok()) continue;
    if (!cases.count(*case_id)) {
      auto c = store_.Get(*case_id);
      if (!c.ok()) continue;
      cases[*case_id] = *std::move(c);
    }
    auto order = workflow::FindOrder(cases[*case_id], order_id);
    if (!order.ok()) continue;
    int64_t due_ms = 0;
    if (!absl::SimpleAtoi(due.elements[i + 1].str, &due_ms)) continue;  // not a deadline
    const absl::Time due_at = absl::FromUnixMillis(due_ms);
    auto* item = out.add_items();
    item->set_case_id(*case_id);
    item->set_order_id(order_id);
    item->set_destination((*order)->destination());
    item->set_item((*order)->item());
    item->set_step(member.substr(bar + 1));
    item->set_state(due_at <= now ? "overdue" : "at_risk");
    *item->mutable_due() = ToProto(due_at);
    item->set_overdue_seconds(absl::ToInt64Seconds(now - due_at));
  }
  LD_ASSIGN_OR_RETURN(auto recent, store_.redis().Command({"XREVRANGE", store_.keys().Events(), "+",
                                                           "-", "COUNT", "2000"}));
  for (const auto& e : store::ParseEntries(recent)) {
    const std::string type = e.Field("type");
    if (type != "supervision" && type != "escalated") continue;
    auto* o = out.add_supervision();
    o->set_stream_id(e.id);
    o->set_case_id(e.Field("case_id"));
    o->set_order_id(e.Field("order_id"));
    o->set_type(type);
    o->set_actor(e.Field("actor"));
    o->set_detail(e.Field("detail"));
    int64_t ms = 0;
    if (absl::SimpleAtoi(e.Field("at_ms"), &ms))
      *o->mutable_at() = ToProto(absl::FromUnixMillis(ms));
    if (out.supervision_size() == kRecentSupervision) break;
  }
  return out;
}

}  // namespace liandong::feedback
