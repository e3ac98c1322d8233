// The KPI definitions of libs/kpi on a running day, against a count by hand: orders inside their
// deadlines are neither met nor missed, a return is a response, police orders have their own
// agency row, and the redo rate has one denominator (cases with a resolved order).
#include <catch2/catch.hpp>

#include "absl/strings/str_cat.h"
#include "kpi/kpi_calculator.h"

namespace v1 = liandong::v1;
using liandong::feedback::ComputeKpis;
using liandong::store::StreamEntry;

namespace {

constexpr int64_t kMinute = 60'000;
constexpr int64_t kHour = 60 * kMinute;
constexpr int64_t k9am = 1'790'000'000'000;  // any morning; only differences matter

struct Day {
  std::vector<StreamEntry> events;
  void Add(std::vector<std::pair<std::string, std::string>> fields, int64_t at) {
    fields.emplace_back("at_ms", absl::StrCat(at));
    events.push_back({absl::StrCat(at, "-", events.size()), std::move(fields)});
  }
  void Case(const std::string& id, int64_t at, const std::string& disposition) {
    Add({{"type", "received"}, {"case_id", id}, {"district", "110101"}}, at);
    Add({{"type", "confirmed"}, {"case_id", id}, {"disposition", disposition}}, at);
  }
  void Order(const std::string& case_id, const std::string& order_id, const std::string& to_side,
             const std::string& destination, const std::string& agency, int64_t at,
             int64_t sign_due, int64_t resolve_due) {
    Add({{"type", "dispatched"},
         {"case_id", case_id},
         {"order_id", order_id},
         {"from_side", "12345"},
         {"to_side", to_side},
         {"destination", destination},
         {"agency", agency},
         {"sign_due_ms", absl::StrCat(sign_due)},
         {"resolve_due_ms", absl::StrCat(resolve_due)}},
        at);
  }
  void Step(const std::string& type, const std::string& case_id, const std::string& order_id,
            int64_t at, std::vector<std::pair<std::string, std::string>> extra = {}) {
    extra.insert(extra.begin(), {{"type", type}, {"case_id", case_id}, {"order_id", order_id}});
    Add(std::move(extra), at);
  }
};

// A day at 15:00 as the supervisor sees it, with six orders:
//  O1 T1 water: signed 9:10 (due 9:30), resolved 12:00 (due tomorrow 9:00)   on time, resolved
//  O2 T3 street vending: dispatched 10:00, due to sign tomorrow 10:00, open  counts nowhere yet
//  O3 T2 garbage: dispatched 9:00, sign due 11:00, never signed              missed sign-for
//  O4 T2 lamp: returned 9:20 (sign due 11:00): a response, not its to resolve
//  O5 police: signed 9:05 (due 9:30), agency "" → row "110", resolve due 13:00, open → missed
//  O6 T1 lift: signed 9:40 (due 9:30, late), resolved 10:00, reopened 11:00 (due 14:00), open
//     → resolve missed (after the redo its deadline passed unresolved)
Day RunningDay() {
  Day d;
  d.Case("C1", k9am, "TRANSFER_12345");
  d.Order("C1", "O1", "12345", "agency:water", "water", k9am, k9am + 30 * kMinute,
          k9am + 24 * kHour);
  d.Step("signed", "C1", "O1", k9am + 10 * kMinute);
  d.Step("resolved", "C1", "O1", k9am + 3 * kHour);
  d.Add({{"type", "callback"}, {"case_id", "C1"}, {"satisfaction", "5"}}, k9am + 4 * kHour);

  d.Case("C2", k9am + kHour, "TRANSFER_12345");
  d.Order("C2", "O2", "12345", "agency:urban", "urban", k9am + kHour, k9am + 25 * kHour,
          k9am + 7 * 24 * kHour);

  d.Case("C3", k9am, "TRANSFER_12345");
  d.Order("C3", "O3", "12345", "agency:sanitation", "sanitation", k9am, k9am + 2 * kHour,
          k9am + 72 * kHour);

  d.Case("C4", k9am, "TRANSFER_12345");
  d.Order("C4", "O4", "12345", "agency:municipal", "municipal", k9am, k9am + 2 * kHour,
          k9am + 72 * kHour);
  d.Step("returned", "C4", "O4", k9am + 20 * kMinute);

  d.Case("C5", k9am, "POLICE_110");
  d.Order("C5", "O5", "110", "110", "", k9am, k9am + 30 * kMinute, k9am + 4 * kHour);
  d.Step("signed", "C5", "O5", k9am + 5 * kMinute);

  d.Case("C6", k9am, "TRANSFER_12345");
  d.Order("C6", "O6", "12345", "agency:lift", "lift", k9am, k9am + 30 * kMinute, k9am + 24 * kHour);
  d.Step("signed", "C6", "O6", k9am + 40 * kMinute);
  d.Step("resolved", "C6", "O6", k9am + kHour);
  d.Add({{"type", "callback"}, {"case_id", "C6"}, {"satisfaction", "2"}}, k9am + 90 * kMinute);
  d.Step("reopened", "C6", "O6", k9am + 2 * kHour,
         {{"resolve_due_ms", absl::StrCat(k9am + 5 * kHour)}});

  d.Case("C7", k9am + 2 * kHour, "DIRECT_ANSWER");
  return d;
}

}  // namespace

TEST_CASE("KPIs on a running day count only orders whose deadline has passed or been met") {
  const Day day = RunningDay();
  auto report = ComputeKpis(day.events, "agency", absl::FromUnixMillis(k9am + 6 * kHour));
  REQUIRE(report.ok());
  const v1::KpiRow& t = report->total();
  CHECK(t.calls() == 7);
  CHECK(t.direct_answers() == 1);
  CHECK(t.orders() == 6);
  // Sign-for: O1, O4 (return), O5, O6 (late) responded; O3 missed; O2 still inside its day.
  CHECK(t.sign_counted() == 5);
  CHECK(t.responded() == 4);
  CHECK(t.returned() == 1);
  CHECK(t.signed_() == 3);
  CHECK(t.responded_on_time() == 3);
  CHECK(t.response_rate() == Approx(4.0 / 5));
  CHECK(t.on_time_sign_rate() == Approx(3.0 / 5));
  // Resolution: O1 met; O5 and O6 past due unresolved; O2, O3 inside; O4 returned.
  CHECK(t.resolve_counted() == 3);
  CHECK(t.resolved() == 1);
  CHECK(t.resolved_on_time() == 1);
  CHECK(t.on_time_resolve_rate() == Approx(1.0 / 3));
  // Redo: C6 reopened of the two cases with a resolved order (C1, C6).
  CHECK(t.resolved_cases() == 2);
  CHECK(t.reopened() == 1);
  CHECK(t.redo_rate() == Approx(1.0 / 2));
  CHECK(t.satisfaction_rate() == Approx(1.0 / 2));
  CHECK(t.direct_answer_rate() == Approx(1.0 / 7));

  // The police order has its own agency row, named by its destination; no "-" row for orders.
  const v1::KpiRow* police = nullptr;
  for (const auto& row : report->rows()) {
    if (row.group() == "110") police = &row;
    if (row.group() == "-") CHECK(row.orders() == 0);  // only the direct answer, no order
  }
  REQUIRE(police != nullptr);
  CHECK(police->orders() == 1);
  CHECK(police->response_rate() == Approx(1.0));
  CHECK(police->resolve_counted() == 1);
  CHECK(police->on_time_resolve_rate() == Approx(0.0));
}

TEST_CASE("the same day judged earlier counts fewer orders, and none inside their deadline") {
  const Day day = RunningDay();
  // At 9:25 nothing has passed a deadline: only answers count (O1, O4, O5 responded).
  std::vector<StreamEntry> so_far;
  for (const auto& e : day.events) {
    if (e.Field("at_ms") <= absl::StrCat(k9am + 25 * kMinute)) so_far.push_back(e);
  }
  auto report = ComputeKpis(so_far, "", absl::FromUnixMillis(k9am + 25 * kMinute));
  REQUIRE(report.ok());
  const v1::KpiRow& t = report->total();
  CHECK(t.orders() == 5);  // O2 is not dispatched yet
  CHECK(t.sign_counted() == 3);
  CHECK(t.response_rate() == Approx(1.0));
  CHECK(t.on_time_sign_rate() == Approx(1.0));
  CHECK(t.resolve_counted() == 0);  // nothing resolved, nothing past its resolve deadline
  CHECK(t.on_time_resolve_rate() == Approx(0.0));
}

TEST_CASE("a GetKpis window judges deadlines at its end, or now if that is earlier") {
  v1::GetKpisRequest req;
  req.mutable_from()->set_seconds(1000);
  req.mutable_to()->set_seconds(5000);
  auto past = liandong::feedback::KpiWindowOf(req, absl::FromUnixSeconds(9000));
  REQUIRE(past.ok());
  CHECK(past->as_of == absl::FromUnixSeconds(5000));
  auto running = liandong::feedback::KpiWindowOf(req, absl::FromUnixSeconds(3000));
  REQUIRE(running.ok());
  CHECK(running->as_of == absl::FromUnixSeconds(3000));
  req.mutable_to()->set_seconds(500);
  CHECK(liandong::feedback::KpiWindowOf(req, absl::FromUnixSeconds(3000)).status().code() ==
        absl::StatusCode::kInvalidArgument);
}
