// A scripted day through the real suite, asserting every KPI of policy §6 exactly — and the
// same figures again after everything but ld:events is deleted (KPIs rebuild from events).
#include <catch2/catch.hpp>
#include <thread>

#include "archiver_process.h"
#include "flow_helpers.h"
#include "google/protobuf/util/message_differencer.h"
#include "http_get.h"
#include "postgres_server.h"
#include "temp_dir.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

namespace {

v1::Case Reopen(Suite& s, const std::string& case_id) {
  v1::ReopenRequest req;
  req.set_case_id(case_id);
  req.set_supervisor_id("supervisor-1");
  req.set_reason("来电人不满意，发回重办");
  v1::Case out;
  REQUIRE(s.feedback().Reopen(Ctx(Supervisor("supervisor-1")).get(), req, &out).ok());
  return out;
}

v1::KpiReport Kpis(Suite& s, const google::protobuf::Timestamp& from,
                   const google::protobuf::Timestamp& to, const std::string& group_by) {
  v1::GetKpisRequest req;
  *req.mutable_from() = from;
  *req.mutable_to() = to;
  req.set_group_by(group_by);
  v1::KpiReport out;
  const grpc::Status status = s.feedback().GetKpis(Ctx(Supervisor()).get(), req, &out);
  INFO(status.error_message());
  REQUIRE(status.ok());
  return out;
}

const v1::KpiRow* Row(const v1::KpiReport& r, const std::string& group) {
  for (const auto& row : r.rows()) {
    if (row.group() == group) return &row;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("a scripted day: every KPI exact, and the same after a rebuild from ld:events") {
  TempDir dir;
  Suite s(SuiteOptions{
      "everysec", {{"feedback", {"--kpi_interval_ms", "200"}}}, ScaledTierRules(dir, "T2", 2, 4)});
  PostgresServer pg;  // the record must give the same figures (RecordService.GetKpiReport)
  ArchiverProcess archiver(s.redis_server().address(), pg.conninfo(), {"--kpi_interval", "200ms"});
  google::protobuf::Timestamp from;
  from.set_seconds(absl::ToUnixSeconds(absl::Now()) - 1);

  // A: water outage at 110 (T1), everything on time, very satisfied.
  auto a = Confirm(s, Submit(s, v1::SIDE_110, "我们小区停水两天了，水龙头一滴水都没有").case_id());
  REQUIRE(a.orders_size() == 1);
  // D: the same matter from a neighbour: linked to A, no second order.
  auto d = Confirm(s, Submit(s, v1::SIDE_110, "小区停水了，家里水龙头拧开一滴水都没有").case_id());
  CHECK(d.close_reason() == v1::CLOSED_DUPLICATE);
  CHECK(d.duplicate_of() == a.case_id());
  CHECK(d.orders_size() == 0);
  Sign(s, a.orders(0));
  Resolve(s, a.orders(0), "抢修完毕，恢复供水");
  Callback(s, a.case_id(), 5);
  Close(s, a.case_id());
  // The linked caller hears A's outcome on their side.
  bool heard = false;
  for (const auto& o : ReadOutcomes(s, v1::SIDE_110, d.case_id(), 3)) {
    heard = heard || (o.type() == "resolved" && o.detail().find(a.case_id()) != std::string::npos);
  }
  CHECK(heard);

  // B: garbage at 12345 (T2, scaled): signed late, resolved late, unhappy, reopened,
  // resolved late again, then satisfied.
  auto b = Confirm(s, Submit(s, v1::SIDE_12345, "小区垃圾站三天没人清运了，臭气熏天").case_id());
  REQUIRE(b.orders_size() == 1);
  REQUIRE(b.orders(0).sla_tier() == "T2");
  SleepUntilPast(b.orders(0).sign_due());
  Sign(s, b.orders(0));
  SleepUntilPast(b.orders(0).resolve_due());
  Resolve(s, b.orders(0), "已清运");
  Callback(s, b.case_id(), 2);
  b = Reopen(s, b.case_id());
  CHECK(b.reopen_count() == 1);
  SleepUntilPast(b.orders(0).resolve_due());
  Resolve(s, b.orders(0), "已清运并增加清运频次");
  Callback(s, b.case_id(), 4);
  Close(s, b.case_id());

  // C: a street light returned by its agency, re-routed to the power company, done on time.
  auto c = Confirm(s, Submit(s, v1::SIDE_110, "门口那条路的路灯晚上一直不亮").case_id());
  REQUIRE(c.orders_size() == 1);
  ReturnOrder(s, c.orders(0), "municipal-1", "not_our_responsibility");
  v1::ConfirmTriageRequest reroute;
  reroute.set_case_id(c.case_id());
  reroute.set_operator_id("op-110");
  reroute.set_disposition(v1::TRANSFER_12345);
  reroute.set_item("power_outage");
  reroute.set_reason("供电公司产权");
  REQUIRE(s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110)).get(), reroute, &c).ok());
  REQUIRE(c.orders_size() == 2);
  Sign(s, c.orders(1));
  Resolve(s, c.orders(1), "线路已修复");
  Callback(s, c.case_id(), 4);
  Close(s, c.case_id());

  // E: a consultation answered at the desk. F: a fraud report from 12345 to 110.
  auto e =
      Confirm(s, Submit(s, v1::SIDE_12345, "请问身份证过期了怎么办理，需要什么材料").case_id());
  CHECK(e.close_reason() == v1::CLOSED_ANSWERED);
  auto f =
      Confirm(s, Submit(s, v1::SIDE_12345, "我在网上被人骗了三千块钱，对方说刷单返利").case_id());
  REQUIRE(f.orders_size() == 1);
  Sign(s, f.orders(0));
  Resolve(s, f.orders(0), "已立案");

  google::protobuf::Timestamp to;
  to.set_seconds(absl::ToUnixSeconds(absl::Now()) + 1);
  const v1::KpiReport report = Kpis(s, from, to, "direction");
  const v1::KpiRow& t = report.total();
  CHECK(t.calls() == 6);
  CHECK(t.direct_answers() == 1);
  CHECK(t.orders() == 5);  // A, B, C (returned), C (re-routed), F; none for D and E
  CHECK(t.signed_() == 4);
  CHECK(t.signed_on_time() == 3);  // B late
  CHECK(t.returned() == 1);        // C's first order: a response, on time
  CHECK(t.responded() == 5);
  CHECK(t.responded_on_time() == 4);
  CHECK(t.sign_counted() == 5);
  CHECK(t.resolved() == 4);
  CHECK(t.resolved_on_time() == 3);  // B late, also after its redo
  CHECK(t.resolve_counted() == 4);   // the returned order was not its agency's to resolve
  CHECK(t.resolved_cases() == 4);
  CHECK(t.callbacks() == 4);
  CHECK(t.satisfied() == 3);
  CHECK(t.reopened() == 1);
  CHECK(t.response_rate() == Approx(5.0 / 5));
  CHECK(t.on_time_sign_rate() == Approx(4.0 / 5));
  CHECK(t.on_time_resolve_rate() == Approx(3.0 / 4));
  CHECK(t.satisfaction_rate() == Approx(3.0 / 4));
  CHECK(t.redo_rate() == Approx(1.0 / 4));  // B of the four cases resolved (A, B, C, F)
  CHECK(t.direct_answer_rate() == Approx(1.0 / 6));
  const v1::KpiRow* out_110 = Row(report, "110→12345");
  const v1::KpiRow* to_police = Row(report, "12345→110");
  const v1::KpiRow* within_12345 = Row(report, "12345→12345");
  REQUIRE(out_110 != nullptr);
  REQUIRE(to_police != nullptr);
  REQUIRE(within_12345 != nullptr);
  CHECK(out_110->orders() == 3);
  CHECK(to_police->orders() == 1);
  CHECK(within_12345->orders() == 1);

  // The same figures are exported as Prometheus gauges by feedback.
  const std::string log = s.process("feedback").Log();
  const size_t at = log.find("(metrics port ");
  REQUIRE(at != std::string::npos);
  const int metrics_port = std::atoi(log.c_str() + at + 14);
  auto gauge = [&](const std::string& series) {
    const std::string body = HttpGet(metrics_port, "/metrics");
    const size_t pos = body.find(series + " ");
    return pos == std::string::npos ? -1.0 : std::stod(body.substr(pos + series.size() + 1));
  };
  std::this_thread::sleep_for(std::chrono::milliseconds(600));  // one export interval and more
  CHECK(gauge(R"(liandong_feedback_kpi_ratio{direction="all",kpi="response_rate"})") ==
        Approx(5.0 / 5));
  CHECK(gauge(R"(liandong_feedback_kpi_ratio{direction="all",kpi="satisfaction_rate"})") ==
        Approx(3.0 / 4));
  CHECK(gauge(R"(liandong_feedback_kpi_total{direction="12345→110",what="orders"})") == 1);

  // The record (PostgreSQL, aggregated in SQL) gives exactly the same report, every grouping.
  for (const char* by : {"", "direction", "category", "item", "agency", "district"}) {
    const v1::KpiReport expected = Kpis(s, from, to, by);
    v1::GetKpisRequest req;
    *req.mutable_from() = from;
    *req.mutable_to() = to;
    req.set_group_by(by);
    v1::KpiReport recorded;
    for (int attempt = 0; attempt < 50; ++attempt) {  // the archive trails by milliseconds
      REQUIRE(archiver.record().GetKpiReport(Ctx(Supervisor()).get(), req, &recorded).ok());
      if (recorded.events_read() == expected.events_read()) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    // Judged a moment apart; every deadline of the day is met or passed, so only as_of differs.
    recorded.clear_as_of();
    v1::KpiReport expected_figures = expected;
    expected_figures.clear_as_of();
    INFO(by << "\n" << expected_figures.DebugString() << "\n" << recorded.DebugString());
    CHECK(google::protobuf::util::MessageDifferencer::Equals(recorded, expected_figures));
  }

  // The archiver exports the same gauges from the record (so feedback replicas need not).
  const std::string record_metrics = HttpGet(archiver.metrics_port(), "/metrics");
  CHECK(record_metrics.find(
            R"(liandong_archiver_kpi_ratio{direction="all",kpi="response_rate"} 1)") !=
        std::string::npos);
  CHECK(record_metrics.find(
            R"(liandong_archiver_kpi_total{direction="12345→110",what="orders"} 1)") !=
        std::string::npos);

  // Rebuild: nothing but the audit trail is left, and the figures do not move.
  auto keys = s.redis().Command({"KEYS", "*"});
  REQUIRE(keys.ok());
  for (const auto& k : keys->elements) {
    if (k.str != "ld:events") REQUIRE(s.redis().Command({"DEL", k.str}).ok());
  }
  CHECK(KeyCount(s) == 1);
  v1::KpiReport rebuilt = Kpis(s, from, to, "direction");
  rebuilt.clear_as_of();
  v1::KpiReport figures = report;
  figures.clear_as_of();
  CHECK(google::protobuf::util::MessageDifferencer::Equals(rebuilt, figures));
}
