// liandong-bench-record: what the record costs and how fast it answers, on a private stack.
//  1. Redis bytes per closed case before the archiver, and what is left after retention and
//     trimming (the bounded-Redis figure behind docs/operations.md's sizing).
//  2. Archiver events/s draining that backlog, beside a bare INSERT rate of the same rows
//     shape into the same PostgreSQL (256-row transactions, as the archiver writes).
//  3. ListCases / phone / address / text search p50 and p99 over many archived cases.
// The test support's helpers assert with Catch, so the bench runs as one Catch test case.
#define CATCH_CONFIG_RUNNER
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <iostream>
#include <map>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "archiver_process.h"
#include "common/time_util.h"
#include "flow_helpers.h"
#include "postgres_server.h"
#include "record/pg_client.h"

ABSL_FLAG(int, cases, 1000, "closed cases pushed through the whole loop (phase 1 and 2)");
ABSL_FLAG(int, clients, 4, "concurrent desk clients");
ABSL_FLAG(int, archived_cases, 100000, "synthetic archived cases for the query figures");
ABSL_FLAG(int, queries, 200, "requests per query kind");
ABSL_FLAG(int, kpi_events, 300000, "synthetic events in the last 24 h for the KPI report figure");

namespace v1 = liandong::v1;
using namespace liandong::testing;
using Clock = std::chrono::steady_clock;

namespace {

double Seconds(Clock::time_point since) {
  return std::chrono::duration<double>(Clock::now() - since).count();
}

long long UsedMemory(Suite& s) {
  auto info = s.redis().Command({"INFO", "memory"});
  for (absl::string_view line : absl::StrSplit(info->str, "\r\n")) {
    if (absl::ConsumePrefix(&line, "used_memory:")) {
      long long v = 0;
      (void)absl::SimpleAtoi(line, &v);
      return v;
    }
  }
  return 0;
}

// One call through the whole loop: submit, confirm, sign, resolve, callback, close.
void ClosedCase(Suite& s, int i) {
  const v1::Case c = SubmitAndConfirmRetrying(
      s, i % 2 ? v1::SIDE_110 : v1::SIDE_12345,
      absl::StrFormat("小区停水两天了，第%d栋%d单元一直没来水，老人孩子用水困难", i % 40, i % 6),
      absl::StrCat("bench-", i));
  for (const auto& o : c.orders()) Resolve(s, Sign(s, o), "已恢复供水，已回访确认");
  Callback(s, c.case_id(), 5);
  Close(s, c.case_id());
}

// MEMORY USAGE summed by key kind ("ld:case", "ld:idem", "ld:events" …), to show what stays.
void PrintKeyKinds(Suite& s) {
  std::map<std::string, std::pair<long long, long long>> kinds;  // kind → (keys, bytes)
  std::string cursor = "0";
  do {
    auto page = s.redis().Command({"SCAN", cursor, "COUNT", "1000"});
    cursor = page->elements[0].str;
    for (const auto& k : page->elements[1].elements) {
      const size_t second = k.str.find(':', 3);
      auto& [keys, bytes] = kinds[k.str.substr(0, second)];
      ++keys;
      auto usage = s.redis().Command({"MEMORY", "USAGE", k.str});
      if (usage.ok()) bytes += usage->integer;
    }
  } while (cursor != "0");
  for (const auto& [kind, kb] : kinds) {
    std::cout << absl::StrFormat("    %-16s %6lld keys %10lld bytes\n", kind, kb.first, kb.second);
  }
}

long long Count(const std::string& out) {
  long long v = 0;
  (void)absl::SimpleAtoi(absl::StripAsciiWhitespace(out), &v);
  return v;
}

void Percentiles(const std::string& what, std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  std::cout << absl::StrFormat("  %-34s p50 %6.2f ms   p99 %6.2f ms   (%zu requests)\n", what,
                               ms[ms.size() / 2], ms[ms.size() * 99 / 100], ms.size());
}

}  // namespace

TEST_CASE("record bench") {
  const int n = absl::GetFlag(FLAGS_cases);
  Suite s;
  PostgresServer pg;

  // 1. The hot cost of a closed case, with nothing archived or expired yet.
  const long long mem0 = UsedMemory(s);
  std::atomic<int> next{0};
  const auto loop_start = Clock::now();
  std::vector<std::thread> clients;
  for (int t = 0; t < absl::GetFlag(FLAGS_clients); ++t) {
    clients.emplace_back([&] {
      for (int i; (i = next++) < n;) ClosedCase(s, i);
    });
  }
  for (auto& t : clients) t.join();
  const double loop_s = Seconds(loop_start);
  const long long mem1 = UsedMemory(s);
  PrintKeyKinds(s);
  auto xlen = s.redis().Command({"XLEN", "ld:events"});
  const long long events = xlen->integer;
  std::cout << absl::StrFormat(
      "closed loop: %d cases in %.1f s (%.0f cases/s), %lld events\n"
      "redis before the archiver: %.0f bytes per closed case (%lld → %lld used_memory)\n",
      n, loop_s, n / loop_s, events, double(mem1 - mem0) / n, mem0, mem1);

  // 2. The archiver drains the backlog; retention 2 s, trimming every 0.5 s.
  const auto drain_start = Clock::now();
  ArchiverProcess a(s.redis_server().address(), pg.conninfo(),
                    {"--retention", "2s", "--trim_interval", "500ms", "--events_keep", "0s",
                     "--outcomes_keep", "0s"});
  while (Count(pg.Query("SELECT count(*) FROM events")) < events) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const double drain_s = Seconds(drain_start);
  std::this_thread::sleep_for(std::chrono::seconds(4));  // past the retention and a trim pass
  const long long mem2 = UsedMemory(s);
  std::cout << absl::StrFormat(
      "archiver: %lld events in %.2f s = %.0f events/s (including its start and migrations)\n"
      "redis after archive + retention + trim: %.0f bytes per closed case (%lld used_memory)\n",
      events, drain_s, events / drain_s, double(std::max(0LL, mem2 - mem0)) / n, mem2);
  PrintKeyKinds(s);
  // The steady rate, without the process start: first to last batch commit.
  std::cout << "archiver steady rate: "
            << absl::StripAsciiWhitespace(pg.Query(
                   "SELECT round(count(*) / greatest(extract(epoch from max(archived_at) - "
                   "min(archived_at)), 0.001)) FROM events"))
            << " events/s (first to last batch)\n";

  std::cout << "postgres bytes per archived case (tables + indexes): events "
            << absl::StripAsciiWhitespace(
                   pg.Query(absl::StrFormat("SELECT pg_total_relation_size('events') / %d", n)))
            << ", cases "
            << absl::StripAsciiWhitespace(
                   pg.Query(absl::StrFormat("SELECT pg_total_relation_size('cases') / %d", n)))
            << ", work_orders "
            << absl::StripAsciiWhitespace(pg.Query(
                   absl::StrFormat("SELECT pg_total_relation_size('work_orders') / %d", n)))
            << "\n";
  liandong::record::PgPool pool(pg.conninfo());
  {
    auto conn = pool.Acquire();
    (void)(*conn)->Exec(
        "CREATE TABLE bare (id bigint PRIMARY KEY, case_id text, type text, at timestamptz, "
        "fields jsonb)");
    const std::string fields = pg.Query("SELECT fields::text FROM events LIMIT 1");
    const auto start = Clock::now();
    const int rows = 20000;
    for (int b = 0; b < rows / 256 + 1; ++b) {
      (void)(*conn)->Exec("BEGIN");
      for (int i = b * 256; i < std::min(rows, (b + 1) * 256); ++i) {
        (void)(*conn)->Exec(
            "INSERT INTO bare VALUES ($1, 'LD20261203-000001', 'signed', now(), "
            "$2::jsonb) ON CONFLICT DO NOTHING",
            {liandong::record::Text(std::to_string(i)), liandong::record::Text(fields)});
      }
      (void)(*conn)->Exec("COMMIT");
    }
    std::cout << absl::StrFormat("bare INSERT (same row shape, 256 per transaction): %.0f rows/s\n",
                                 rows / Seconds(start));
  }

  // 3. Queries over many archived cases (synthetic rows, phone hashes made with the same key).
  const int m = absl::GetFlag(FLAGS_archived_cases);
  const auto load_start = Clock::now();
  pg.Query("CREATE EXTENSION IF NOT EXISTS pgcrypto");
  pg.Query(absl::StrFormat(
      "INSERT INTO cases (case_id, version, side, channel, status, disposition, category, item, "
      "district, owner_side, needs_review, supervised, received_at, phone_hash, address, text, "
      "snapshot) SELECT 'LD2025' || lpad(i::text, 8, '0'), 1, "
      "CASE WHEN i %% 2 = 0 THEN '110' ELSE '12345' END, 'phone', "
      "(ARRAY['closed','closed','closed','dispatched','resolved','returned'])[1 + i %% 6], "
      "'TRANSFER_12345', 'utilities', (ARRAY['water_outage','power_outage','street_light',"
      "'noise','elevator_fault'])[1 + i %% 5], (120101 + i %% 16)::text, '12345', i %% 50 = 0, "
      "i %% 97 = 0, now() - (i || ' minutes')::interval, "
      "hmac('138' || lpad((i %% 50000)::text, 8, '0'), 'test-phone-key-0123456789abcdef', "
      "'sha256'), (ARRAY['和平区','河西区','南开区','河东区'])[1 + i %% 4] || "
      "(ARRAY['胜利路','新华街','友谊路','鞍山西道','南京路'])[1 + (i / 7) %% 5] || (i %% 300) || "
      "'号', (ARRAY['小区停水两天了','路灯坏了好几天','楼下施工噪音很大','电梯坏了没人被困',"
      "'家里停电了'])[1 + i %% 5] || '，第' || i || '次反映', '\\x' "
      "FROM generate_series(1, %d) i",
      m));
  pg.Query(absl::StrFormat(
      "INSERT INTO work_orders (order_id, case_id, kind, destination, agency, from_side, "
      "to_side, category, item, status, sla_tier, created_at, sign_due, resolve_due) SELECT "
      "'LD2025' || lpad(i::text, 8, '0') || '-O1', 'LD2025' || lpad(i::text, 8, '0'), "
      "'ORDER_TRANSFER', 'agency:' || (ARRAY['water','power','lights','env','market'])[1 + i %% "
      "5], "
      "(ARRAY['water','power','lights','env','market'])[1 + i %% 5], '110', '12345', "
      "'utilities', 'water_outage', (ARRAY['closed','closed','closed','dispatched','resolved',"
      "'returned'])[1 + i %% 6], 'T2', now(), now() - interval '1 hour' + (i %% 3 || ' "
      "hours')::interval, "
      "now() + interval '1 day' FROM generate_series(1, %d) i",
      m));
  pg.Query("ANALYZE");
  std::cout << absl::StrFormat("loaded %d archived cases (+1 order each) in %.1f s\n", m,
                               Seconds(load_start));

  auto& record = a.record();
  auto timed = [&](const std::string& what, const std::function<v1::ListCasesRequest(int)>& make) {
    std::vector<double> ms;
    for (int q = 0; q < absl::GetFlag(FLAGS_queries); ++q) {
      v1::ListCasesRequest req = make(q);
      v1::ListCasesResponse out;
      const auto t0 = Clock::now();
      const grpc::Status st = record.ListCases(Ctx(10).get(), req, &out);
      ms.push_back(Seconds(t0) * 1000);
      if (!st.ok()) {
        std::cerr << what << ": " << st.error_message() << std::endl;
        return;
      }
    }
    Percentiles(what, ms);
  };
  std::cout << "RecordService over " << m << " archived cases (page of 50):\n";
  timed("ListCases, newest first", [](int) { return v1::ListCasesRequest(); });
  timed("ListCases, district + status", [](int q) {
    v1::ListCasesRequest r;
    r.set_district(std::to_string(120101 + q % 16));
    r.set_status(v1::CASE_CLOSED);
    return r;
  });
  timed("queue to_sign, one destination", [](int q) {
    v1::ListCasesRequest r;
    r.set_queue(v1::QUEUE_TO_SIGN);
    r.set_destination(q % 2 ? "agency:water" : "agency:power");
    return r;
  });
  timed("overdue", [](int) {
    v1::ListCasesRequest r;
    r.set_overdue(true);
    return r;
  });
  timed("caller phone (keyed hash)", [](int q) {
    v1::ListCasesRequest r;
    r.set_phone(absl::StrFormat("138%08d", (q * 7919) % 50000));
    return r;
  });
  timed("address fragment (trigram)", [](int q) {
    v1::ListCasesRequest r;
    r.set_address_contains(absl::StrFormat("鞍山西道%d号", q % 300));
    return r;
  });
  timed("text fragment (trigram)", [](int q) {
    v1::ListCasesRequest r;
    r.set_text_contains(absl::StrFormat("第%d次", 1000 + q * 37));
    return r;
  });

  // 4. A KPI report over a day of synthetic events (9 per case: the closed loop).
  const int k = absl::GetFlag(FLAGS_kpi_events);
  const auto kpi_load = Clock::now();
  pg.Query(absl::StrFormat(
      "INSERT INTO events (stream_ms, stream_seq, case_id, type, at, order_id, fields) "
      "SELECT ms, 0, cid, t, to_timestamp(ms / 1000.0), oid, jsonb_build_object('type', t, "
      "'case_id', cid, 'at_ms', ms::text, 'district', (120101 + i %% 16)::text, 'disposition', "
      "'TRANSFER_12345', 'category', 'utilities', 'item', 'water_outage', 'order_id', oid, "
      "'from_side', '110', 'to_side', '12345', 'order_category', 'utilities', 'order_item', "
      "'water_outage', 'agency', 'water', 'sign_due_ms', (ms + 1800000)::text, "
      "'resolve_due_ms', (ms + 86400000)::text, 'satisfaction', '5') FROM ("
      "SELECT i, (extract(epoch from now()) * 1000)::bigint - 86400000 + i * (86000000 / %d) "
      "AS ms, 'LDK' || (i / 9) AS cid, (ARRAY['received','triaged','confirmed','dispatched',"
      "'signed','progress','resolved','callback','closed'])[1 + i %% 9] AS t, "
      "'LDK' || (i / 9) || '-O1' AS oid FROM generate_series(1, %d) i) g",
      k, k));
  std::cout << absl::StrFormat("loaded %d events in %.1f s\n", k, Seconds(kpi_load));
  for (const char* by : {"", "direction", "district"}) {
    v1::GetKpisRequest req;
    *req.mutable_from() = liandong::ToProto(absl::Now() - absl::Hours(24));
    *req.mutable_to() = liandong::ToProto(absl::Now());
    req.set_group_by(by);
    v1::KpiReport report;
    const auto t0 = Clock::now();
    const grpc::Status st = record.GetKpiReport(Ctx(120).get(), req, &report);
    std::cout << absl::StrFormat(
        "  GetKpiReport, last 24 h, group_by '%s': %.0f ms for %d events (%s)\n", by,
        Seconds(t0) * 1000, report.events_read(), st.ok() ? "ok" : st.error_message());
  }
}

int main(int argc, char** argv) {
  std::vector<char*> rest = absl::ParseCommandLine(argc, argv);
  return Catch::Session().run(1, rest.data());
}
