// A real Prometheus scrapes the suite: series carry the expected values, and the
// unsigned-order alert fires when a partner stops signing (T1 sign-for scaled to 2 s).
#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <thread>

#include "flow_helpers.h"
#include "free_port.h"
#include "google/protobuf/struct.pb.h"
#include "google/protobuf/text_format.h"
#include "google/protobuf/util/json_util.h"
#include "http_get.h"
#include "partner.h"
#include "rules/rule_table_loader.h"
#include "temp_dir.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;
using google::protobuf::Struct;
using google::protobuf::Value;

namespace {

std::string ScaledRules(const TempDir& dir) {
  auto table = liandong::rules::LoadRuleTable(liandong::rules::DefaultRuleTablePath());
  REQUIRE(table.ok());
  for (auto& tier : *table->mutable_sla_tiers()) {
    if (tier.id() != "T1") continue;
    tier.mutable_sign_for()->Clear();
    tier.mutable_sign_for()->set_seconds(2);
  }
  std::string text;
  google::protobuf::TextFormat::PrintToString(*table, &text);
  std::ofstream(dir.File("scaled.textproto")) << text;
  return dir.File("scaled.textproto");
}

int MetricsPort(Suite& s, const std::string& service) {
  const std::string log = s.process(service).Log();
  const size_t at = log.find("(metrics port ");
  REQUIRE(at != std::string::npos);
  return std::atoi(log.c_str() + at + 14);
}

// Prometheus' JSON answers, read with protobuf's JSON mapping into a Struct.
Struct Json(const std::string& body) {
  Struct out;
  REQUIRE(google::protobuf::util::JsonStringToMessage(body, &out).ok());
  return out;
}

std::string Encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (isalnum(c) || c == '_' || c == '.' || c == '-') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      snprintf(buf, sizeof(buf), "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

// The value of an instant query with a single result, or -1.
double Query(int port, const std::string& promql) {
  const Struct answer = Json(HttpGet(port, "/api/v1/query?query=" + Encode(promql)));
  const auto& result = answer.fields().at("data").struct_value().fields().at("result").list_value();
  if (result.values_size() != 1) return -1;
  const auto& value = result.values(0).struct_value().fields().at("value").list_value();
  return std::stod(value.values(1).string_value());
}

bool Eventually(const std::function<bool()>& condition, double seconds) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
  }
  return true;
}

bool AlertFiring(int port, const std::string& name, const std::string& destination) {
  const Struct answer = Json(HttpGet(port, "/api/v1/alerts"));
  const auto& alerts = answer.fields().at("data").struct_value().fields().at("alerts").list_value();
  for (const auto& a : alerts.values()) {
    const auto& f = a.struct_value().fields();
    const auto& labels = f.at("labels").struct_value().fields();
    if (labels.at("alertname").string_value() == name && f.at("state").string_value() == "firing" &&
        labels.count("destination") && labels.at("destination").string_value() == destination) {
      return true;
    }
  }
  return false;
}

}  // namespace

TEST_CASE("a real Prometheus sees the traffic and fires the unsigned-order alert") {
  TempDir dir;
  Suite s(SuiteOptions{
      "everysec",
      {{"dispatch", {"--metrics_poll_ms", "300"}}, {"feedback", {"--kpi_interval_ms", "500"}}},
      ScaledRules(dir)});
  const int prom_port = FreePort();
  {
    std::ofstream config(dir.File("prometheus.yml"));
    config << "global: {scrape_interval: 1s, evaluation_interval: 1s}\n"
           << "rule_files: [\"" << LIANDONG_ALERTS_PATH << "\"]\n"
           << "scrape_configs:\n";
    for (const char* service : {"intake", "classification", "dispatch", "feedback"}) {
      config << "  - job_name: liandong-" << service
             << "\n    static_configs: [{targets: [\"127.0.0.1:" << MetricsPort(s, service)
             << "\"]}]\n";
    }
  }
  ChildProcess prometheus(
      "/usr/bin/prometheus",
      {"--config.file=" + dir.File("prometheus.yml"), "--storage.tsdb.path=" + dir.File("tsdb"),
       "--web.listen-address=127.0.0.1:" + std::to_string(prom_port)},
      dir.File("prometheus.log"));
  REQUIRE(Eventually(
      [&] { return HttpGet(prom_port, "/-/ready").find("Ready") != std::string::npos; }, 30));

  // Traffic: three water outages signed by their agency, two fraud reports to the police side.
  Partner water(s.address("dispatch"), "agency:water_company", "water-1", /*auto_sign=*/true);
  water.Start();
  for (int i = 0; i < 3; ++i) {
    SubmitAndConfirmRetrying(s, v1::SIDE_110, "我们小区停水两天了，水龙头一滴水都没有",
                             "w" + std::to_string(i));
  }
  for (int i = 0; i < 2; ++i) {
    SubmitAndConfirmRetrying(s, v1::SIDE_12345, "我在网上被人骗了三千块钱，对方说刷单返利",
                             "f" + std::to_string(i));
  }
  REQUIRE(Eventually([&] { return water.signed_ids().size() == 3; }, 10));

  CHECK(Eventually([&] { return Query(prom_port, "sum(liandong_intake_calls_total)") == 5; }, 20));
  CHECK(Eventually(
      [&] {
        return Query(
                   prom_port,
                   R"(sum(liandong_intake_calls_total{side="12345",disposition="POLICE_110"}))") ==
               2;
      },
      10));
  CHECK(Eventually(
      [&] {
        return Query(
                   prom_port,
                   R"(sum(liandong_intake_orders_total{destination="agency:water_company"}))") ==
               3;
      },
      10));
  CHECK(Eventually(
      [&] {
        return Query(prom_port, R"(sum(liandong_intake_orders_total{direction="12345→110"}))") ==
               2;
      },
      10));
  CHECK(Eventually(
      [&] {
        return Query(prom_port,
                     R"(sum(liandong_intake_rpcs_total{method="SubmitCall",code="OK"}))") == 5;
      },
      10));
  CHECK(Eventually(
      [&] { return Query(prom_port, R"(sum(liandong_dispatch_sign_latency_seconds_count))") == 3; },
      10));
  CHECK(Eventually(
      [&] { return Query(prom_port, R"(liandong_dispatch_stream_lag{destination="110"})") == 2; },
      10));  // nobody subscribed to the police side in this test
  CHECK(Query(prom_port, R"(max(liandong_dispatch_orders_unsigned_overdue))") == 0);
  CHECK(Eventually(
      [&] { return Query(prom_port, "sum(liandong_classification_confidence_count)") == 5; }, 10));
  CHECK(Query(prom_port,
              R"(sum(liandong_classification_classifications_total{disposition="POLICE_110"}))") ==
        2);
  CHECK(Eventually([&] { return Query(prom_port, R"(count(up{job=~"liandong-.*"} == 1))") == 4; },
                   10));
  CHECK_FALSE(AlertFiring(prom_port, "LiandongOrdersUnsignedPastSla", "agency:water_company"));

  // The partner stops signing: the next order passes its 2 s sign-for deadline unsigned.
  water.Stop();
  SubmitAndConfirmRetrying(s, v1::SIDE_110, "小区又停水了，楼上楼下都没水", "w-unsigned");
  CHECK(Eventually(
      [&] {
        return Query(
                   prom_port,
                   R"(liandong_dispatch_orders_unsigned_overdue{destination="agency:water_company"})") ==
               1;
      },
      20));
  CHECK(Eventually(
      [&] {
        return AlertFiring(prom_port, "LiandongOrdersUnsignedPastSla", "agency:water_company");
      },
      20));
  prometheus.Stop();
}
