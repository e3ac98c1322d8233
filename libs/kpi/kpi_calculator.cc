#include "kpi/kpi_calculator.h"

#include <algorithm>
#include <map>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "common/time_util.h"

namespace liandong::feedback {
namespace {

int64_t Millis(const store::StreamEntry& e, const char* field) {
  int64_t v = 0;
  return absl::SimpleAtoi(e.Field(field), &v) ? v : 0;
}

// What the grouping dimensions are for one case or order.
struct Groups {
  std::string direction, category, item, agency, district;
  std::string Key(const std::string& by) const {
    const std::string& v = by == "direction"  ? direction
                           : by == "category" ? category
                           : by == "item"     ? item
                           : by == "agency"   ? agency
                                              : district;
    return v.empty() ? "-" : v;
  }
};

struct OrderFacts {
  Groups groups;
  std::string case_id;
  int64_t sign_due = 0, resolve_due = 0, signed_at = 0, returned_at = 0, resolved_at = 0;
};

struct CaseFacts {
  Groups groups;
  bool received = false, direct_answer = false, resolved = false, reopened = false;
  int callbacks = 0, satisfied = 0;
};

// One order's part in the figures, judged at `as_of_ms` (policy §5–6, docs/operations.md).
struct OrderCounts {
  bool responded = false, responded_on_time = false, sign_counted = false;
  bool resolved = false, resolved_on_time = false, resolve_counted = false;
};

OrderCounts Judge(const OrderFacts& o, int64_t as_of_ms) {
  OrderCounts n;
  // A return is an answer to the order (the destination acted on it), like a sign-for.
  const int64_t responded_at =
      o.signed_at > 0 && (o.returned_at == 0 || o.signed_at < o.returned_at) ? o.signed_at
                                                                             : o.returned_at;
  n.responded = responded_at > 0;
  n.responded_on_time = n.responded && responded_at <= o.sign_due;
  // Counted once answered, or once the sign-for deadline has passed unanswered.
  n.sign_counted = n.responded || (o.sign_due > 0 && o.sign_due <= as_of_ms);
  n.resolved = o.resolved_at > 0;
  n.resolved_on_time = n.resolved && o.resolved_at <= o.resolve_due;
  // A returned order is no longer its destination's to resolve.
  const bool returned = o.returned_at > 0 && !n.resolved;
  n.resolve_counted = !returned && (n.resolved || (o.resolve_due > 0 && o.resolve_due <= as_of_ms));
  return n;
}

double Ratio(int64_t num, int64_t den) { return den == 0 ? 0.0 : static_cast<double>(num) / den; }

void Finish(v1::KpiRow& row) {
  row.set_on_time_sign_rate(Ratio(row.responded_on_time(), row.sign_counted()));
  row.set_response_rate(Ratio(row.responded(), row.sign_counted()));
  row.set_on_time_resolve_rate(Ratio(row.resolved_on_time(), row.resolve_counted()));
  row.set_satisfaction_rate(Ratio(row.satisfied(), row.callbacks()));
  row.set_redo_rate(Ratio(row.reopened(), row.resolved_cases()));
  row.set_direct_answer_rate(Ratio(row.direct_answers(), row.calls()));
}

void AddOrder(v1::KpiRow& r, const OrderFacts& o, const OrderCounts& n) {
  r.set_orders(r.orders() + 1);
  r.set_signed_(r.signed_() + (o.signed_at > 0));
  r.set_signed_on_time(r.signed_on_time() + (o.signed_at > 0 && o.signed_at <= o.sign_due));
  r.set_returned(r.returned() + (o.returned_at > 0));
  r.set_responded(r.responded() + n.responded);
  r.set_responded_on_time(r.responded_on_time() + n.responded_on_time);
  r.set_sign_counted(r.sign_counted() + n.sign_counted);
  r.set_resolved(r.resolved() + n.resolved);
  r.set_resolved_on_time(r.resolved_on_time() + n.resolved_on_time);
  r.set_resolve_counted(r.resolve_counted() + n.resolve_counted);
}

void AddCase(v1::KpiRow& r, const CaseFacts& c) {
  r.set_calls(r.calls() + c.received);
  r.set_direct_answers(r.direct_answers() + (c.received && c.direct_answer));
  r.set_callbacks(r.callbacks() + c.callbacks);
  r.set_satisfied(r.satisfied() + c.satisfied);
  r.set_reopened(r.reopened() + c.reopened);
  r.set_resolved_cases(r.resolved_cases() + c.resolved);
}

}  // namespace

absl::StatusOr<KpiWindow> KpiWindowOf(const v1::GetKpisRequest& req, absl::Time now) {
  KpiWindow w;
  w.from_ms = req.has_from() ? absl::ToUnixMillis(FromProto(req.from())) : 0;
  const absl::Time to = req.has_to() ? FromProto(req.to()) : now;
  w.to_ms = absl::ToUnixMillis(to);
  if (w.to_ms < w.from_ms) return absl::InvalidArgumentError("to: before from");
  w.as_of = std::min(to, now);
  return w;
}

void StampWindow(const KpiWindow& window, v1::KpiReport& report) {
  *report.mutable_from() = ToProto(absl::FromUnixMillis(window.from_ms));
  *report.mutable_to() = ToProto(absl::FromUnixMillis(window.to_ms));
  *report.mutable_as_of() = ToProto(window.as_of);
}

absl::StatusOr<v1::KpiReport> ComputeKpis(const std::vector<store::StreamEntry>& events,
                                          const std::string& group_by, absl::Time as_of) {
  static const std::set<std::string> kDimensions = {"",     "direction", "category",
                                                    "item", "agency",    "district"};
  if (!kDimensions.count(group_by)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "group_by: '", group_by, "' is not one of direction, category, item, agency, district"));
  }
  std::map<std::string, CaseFacts> cases;
  std::map<std::string, OrderFacts> orders;
  for (const auto& e : events) {
    const std::string type = e.Field("type");
    CaseFacts& c = cases[e.Field("case_id")];
    if (type == "received") {
      c.received = true;
      c.groups.district = e.Field("district");
    } else if (type == "confirmed" || type == "overridden") {
      c.direct_answer = e.Field("disposition") == "DIRECT_ANSWER";
      c.groups.category = e.Field("category");
      c.groups.item = e.Field("item");
    } else if (type == "callback") {
      ++c.callbacks;
      c.satisfied += Millis(e, "satisfaction") >= 4;
    } else if (type == "reopened") {
      c.reopened = true;
    }
    const std::string order_id = e.Field("order_id");
    if (order_id.empty()) continue;
    if (type == "dispatched") {
      OrderFacts& o = orders[order_id];
      o.case_id = e.Field("case_id");
      // Orders to a side (police orders to 110, JOINT orders) name no agency: the side's
      // destination is their agency row, never "-".
      const std::string agency =
          e.Field("agency").empty() ? e.Field("destination") : e.Field("agency");
      o.groups = {absl::StrCat(e.Field("from_side"), "→", e.Field("to_side")),
                  e.Field("order_category"), e.Field("order_item"), agency, e.Field("district")};
      o.sign_due = Millis(e, "sign_due_ms");
      o.resolve_due = Millis(e, "resolve_due_ms");
      if (c.groups.direction.empty()) {
        c.groups.direction = o.groups.direction;
        c.groups.agency = o.groups.agency;
      }
      continue;
    }
    auto it = orders.find(order_id);
    if (it == orders.end()) continue;  // dispatched before the window
    OrderFacts& o = it->second;
    if (type == "signed" && o.signed_at == 0) {
      o.signed_at = Millis(e, "at_ms");
    } else if (type == "returned" && o.returned_at == 0) {
      o.returned_at = Millis(e, "at_ms");
    } else if (type == "resolved") {
      o.resolved_at = Millis(e, "at_ms");
      c.resolved = true;
    } else if (type == "extended" || type == "reopened") {
      o.resolve_due = Millis(e, "resolve_due_ms");
      if (type == "reopened") o.resolved_at = 0;  // it must be resolved again
    }
  }

  v1::KpiReport report;
  report.set_group_by(group_by);
  report.set_events_read(static_cast<int64_t>(events.size()));
  std::map<std::string, v1::KpiRow> rows;
  auto row_for = [&](const Groups& g) -> v1::KpiRow& {
    const std::string key = group_by.empty() ? "all" : g.Key(group_by);
    v1::KpiRow& row = rows[key];
    row.set_group(key);
    return row;
  };
  v1::KpiRow* total = report.mutable_total();
  total->set_group("all");
  for (const auto& [id, c] : cases) {
    AddCase(row_for(c.groups), c);
    AddCase(*total, c);
  }
  const int64_t as_of_ms = absl::ToUnixMillis(as_of);
  for (const auto& [id, o] : orders) {
    const OrderCounts n = Judge(o, as_of_ms);
    AddOrder(row_for(o.groups), o, n);
    AddOrder(*total, o, n);
  }
  Finish(*total);
  for (auto& [key, row] : rows) {
    Finish(row);
    if (!group_by.empty()) *report.add_rows() = row;
  }
  return report;
}

}  // namespace liandong::feedback
