// KPIs while the day is running, through the real suite, against a count by hand: an open
// order inside its deadline is no failure, a prompt return is a response, the police order has
// its own agency row, the desk prints the service's figures, and the destinations' backlog
// counts orders nobody has read yet.
#include <catch2/catch.hpp>
#include <thread>

#include "absl/strings/match.h"
#include "absl/strings/str_split.h"
#include "flow_helpers.h"
#include "google/protobuf/util/json_util.h"
#include "google/protobuf/util/message_differencer.h"
#include "run_command.h"
#include "temp_dir.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

const v1::Destination* FindDestination(const v1::ListDestinationsResponse& r,
                                       const std::string& name) {
  for (const auto& d : r.destinations()) {
    if (d.destination() == name) return &d;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("KPIs on a running day match a hand count, at the service, the desk and the backlog") {
  TempDir dir;
  Suite s(SuiteOptions{"everysec", {}, ScaledTierRules(dir, "T2", 2, 4)});
  google::protobuf::Timestamp from;
  from.set_seconds(absl::ToUnixSeconds(absl::Now()) - 1);

  // D: a fraud report at 12345 goes to the police side; before anyone reads it, the 110
  // destination's backlog shows it (unread = lag), although nothing is pending yet.
  auto d =
      Confirm(s, Submit(s, v1::SIDE_12345, "我在网上被人骗了三千块钱，对方说刷单返利").case_id());
  REQUIRE(d.orders_size() == 1);
  REQUIRE(d.orders(0).destination() == "110");
  v1::ListDestinationsResponse waiting;
  REQUIRE(s.dispatch().ListDestinations(Ctx(Supervisor()).get(), {}, &waiting).ok());
  const v1::Destination* police = FindDestination(waiting, "110");
  REQUIRE(police != nullptr);
  CHECK(police->pending() == 0);
  CHECK(police->lag() == 1);
  CHECK(police->backlog() == 1);
  // Delivered to the police desk but not signed: now pending, still in the backlog.
  REQUIRE(ReadOrders(s, "110", "police-desk", 1).size() == 1);
  REQUIRE(s.dispatch().ListDestinations(Ctx(Supervisor()).get(), {}, &waiting).ok());
  police = FindDestination(waiting, "110");
  REQUIRE(police != nullptr);
  CHECK(police->lag() == 0);
  CHECK(police->pending() == 1);
  CHECK(police->backlog() == 1);
  Sign(s, d.orders(0));

  // A: garbage (T2, scaled) signed and resolved on time.
  auto a = ConfirmItem(s, Submit(s, v1::SIDE_12345, "小区垃圾站没人清运"), "garbage");
  REQUIRE(a.orders_size() == 1);
  Sign(s, a.orders(0));
  Resolve(s, a.orders(0), "已清运");
  // B: a dead animal (T2) that nobody signs for: once its deadlines pass it counts as missed.
  auto b = ConfirmItem(s, Submit(s, v1::SIDE_12345, "路边有动物尸体没人清理"), "dead_animal");
  REQUIRE(b.orders_size() == 1);
  // C: a street light (T2) returned at once: a response, not a failure to resolve.
  auto c = ConfirmItem(s, Submit(s, v1::SIDE_110, "门口路灯一直不亮"), "streetlight");
  REQUIRE(c.orders_size() == 1);
  ReturnOrder(s, c.orders(0), "municipal-1", "not_our_responsibility");
  // E: street vending (T3): signed for within 1 working day — open, inside its window.
  auto e = ConfirmItem(s, Submit(s, v1::SIDE_110, "楼下有人占道摆摊"), "street_vending");
  REQUIRE(e.orders_size() == 1);
  REQUIRE(e.orders(0).sla_tier() == "T3");
  SleepUntilPast(b.orders(0).resolve_due());

  v1::GetKpisRequest req;
  *req.mutable_from() = from;
  req.set_group_by("agency");  // `to` unset: now, with the day still running
  v1::KpiReport report;
  REQUIRE(s.feedback().GetKpis(Ctx(Supervisor()).get(), req, &report).ok());
  const v1::KpiRow& t = report.total();
  // By hand: 5 orders. Sign-for counted: D, A, C (return), B (missed); E is inside its day.
  CHECK(t.orders() == 5);
  CHECK(t.sign_counted() == 4);
  CHECK(t.responded() == 3);
  CHECK(t.returned() == 1);
  CHECK(t.responded_on_time() == 3);
  CHECK(t.response_rate() == Approx(3.0 / 4));
  CHECK(t.on_time_sign_rate() == Approx(3.0 / 4));
  // Resolution counted: A (met) and B (missed); D (police, 24 h) and E are inside their
  // deadlines, C was returned.
  CHECK(t.resolve_counted() == 2);
  CHECK(t.resolved_on_time() == 1);
  CHECK(t.on_time_resolve_rate() == Approx(1.0 / 2));
  CHECK(t.resolved_cases() == 1);
  CHECK(t.redo_rate() == Approx(0.0));
  // The police order's own agency row.
  const v1::KpiRow* police_row = nullptr;
  for (const auto& row : report.rows()) {
    if (row.group() == "110") police_row = &row;
    CHECK(row.group() != "-");
  }
  REQUIRE(police_row != nullptr);
  CHECK(police_row->orders() == 1);
  CHECK(police_row->response_rate() == Approx(1.0));

  // The desk shows the service's figures: its JSON is the same report, its table the same rates.
  const std::string desk = std::string(LIANDONG_DESK_BIN) + " --feedback " + s.address("feedback") +
                           " " + TestPki::Get().ClientFlags(Supervisor()) +
                           " kpi --group_by agency";
  int rc = -1;
  const std::string json = RunCommand(desk + " --json", &rc);
  REQUIRE(rc == 0);
  v1::KpiReport from_desk;
  REQUIRE(google::protobuf::util::JsonStringToMessage(json, &from_desk).ok());
  CHECK(from_desk.total().response_rate() == Approx(t.response_rate()));
  CHECK(from_desk.total().sign_counted() == t.sign_counted());
  CHECK(from_desk.total().resolve_counted() == t.resolve_counted());
  const std::string table = RunCommand(desk, &rc);
  REQUIRE(rc == 0);
  std::string total_line;
  for (absl::string_view line : absl::StrSplit(table, '\n')) {
    if (absl::StartsWith(line, "all ")) total_line = std::string(line);
  }
  INFO(table);
  // calls 5, orders 5, 签收 75.0 %, 响应 75.0 %, 办结 50.0 %, no callbacks, 重办 0.0 %, 直答 0.
  CHECK(total_line.find(" 75.0%   75.0%   50.0%       -    0.0%    0.0%") != std::string::npos);
}
