// liandong-bench-delivery: sustained orders/s through SubmitCall → ConfirmTriage → stream →
// partner sign-for, and latency from ConfirmTriage to the partner holding the order, on a
// private stack; printed next to redis-benchmark's XADD rate on the same Redis, as a ratio.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_format.h"
#include "absl/synchronization/mutex.h"
#include "flow_helpers.h"
#include "server/client_channel.h"
#include "suite_costs.h"

ABSL_FLAG(int, calls, 3000, "calls to push through");
ABSL_FLAG(int, clients, 4, "concurrent desk clients");
ABSL_FLAG(std::string, fsync, "everysec", "Redis appendfsync: everysec or always");

namespace v1 = liandong::v1;
using namespace liandong::testing;
using Clock = std::chrono::steady_clock;

namespace {

// Runs redis-benchmark's XADD (a custom command: 7.0 has no built-in XADD test) against
// `port`; returns requests per second, 0 when redis-benchmark is missing.
double RedisXaddRate(int port, int clients) {
  const std::string cmd = absl::StrFormat(
      "redis-benchmark -h 127.0.0.1 -p %d -n 100000 -c %d -q XADD ld:bench:xadd '*' f v "
      "2>/dev/null",
      port, clients);
  FILE* pipe = popen(cmd.c_str(), "r");
  if (pipe == nullptr) return 0;
  std::string out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof(buf), pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  // Progress lines end in '\r'; the summary reads "XADD ...: 151515.16 requests per second".
  const size_t rps = out.rfind(" requests per second");
  if (rps == std::string::npos) return 0;
  const size_t colon = out.rfind(": ", rps);
  return colon == std::string::npos ? 0 : std::atof(out.c_str() + colon + 2);
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// Pushes `calls` calls from `clients` desk threads through the suite while `replicas` partner
// replicas hold and sign for the orders. Returns orders/s; fills confirm→held latencies (ms).
struct Run {
  int signed_orders = 0;
  double seconds = 0;
  std::vector<double> latency_ms;
};

Run Push(Suite& s, const std::string& tag, int calls, int clients, int replicas) {
  absl::Mutex mu;
  std::map<std::string, Clock::time_point> confirm_started;  // by order id
  Run run;
  std::atomic<int> signed_count{0};
  std::vector<std::unique_ptr<grpc::ClientContext>> contexts;
  std::vector<std::thread> partners;
  for (int r = 0; r < replicas; ++r) {
    contexts.push_back(std::make_unique<grpc::ClientContext>());
    grpc::ClientContext* ctx = contexts.back().get();
    partners.emplace_back([&, ctx, r] {
      const std::string consumer = tag + "-" + std::to_string(r);
      auto security = TestPki::Get().Client();  // each replica is its own identity
      security.token = liandong::server::TokenSource::Fixed(
          TestPki::Get().Token(WorkerOf("agency:water_company", consumer)));
      auto stub = v1::DispatchService::NewStub(
          liandong::server::MakeChannel(s.address("dispatch"), security));
      v1::SubscribeOrdersRequest req;
      req.set_destination("agency:water_company");
      req.set_consumer(consumer);
      auto reader = stub->SubscribeOrders(ctx, req);
      v1::OrderDelivery d;
      while (reader->Read(&d)) {
        const auto held = Clock::now();
        {
          absl::MutexLock lock(&mu);
          auto it = confirm_started.find(d.order().order_id());
          if (it != confirm_started.end()) {
            run.latency_ms.push_back(
                std::chrono::duration<double, std::milli>(held - it->second).count());
          }
        }
        grpc::ClientContext sign_ctx;
        liandong::server::SetDeadline(sign_ctx, absl::Seconds(5));
        v1::SignOrderRequest sign;
        sign.set_order_id(d.order().order_id());
        sign.set_destination(d.order().destination());
        v1::WorkOrder out;
        if (const grpc::Status st = stub->SignOrder(&sign_ctx, sign, &out); st.ok()) {
          ++signed_count;
        } else {
          std::cerr << "bench: sign " << d.order().order_id() << ": " << st.error_code() << " "
                    << st.error_message() << "\n";
        }
      }
      reader->Finish();
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));

  const auto started = Clock::now();
  std::atomic<int> next{0};
  std::vector<std::thread> desks;
  for (int t = 0; t < clients; ++t) {
    desks.emplace_back([&] {
      for (int i = next++; i < calls; i = next++) {
        v1::SubmitCallRequest submit;
        submit.set_request_id(tag + std::to_string(i));
        submit.set_side(v1::SIDE_110);
        submit.set_channel(v1::CHANNEL_PHONE);
        submit.set_text("我们小区停水两天了，水龙头一滴水都没有");
        v1::Case c;
        if (const grpc::Status st =
                s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(), submit, &c);
            !st.ok()) {
          std::cerr << "bench: submit " << i << ": " << st.error_code() << " " << st.error_message()
                    << "\n";
          continue;
        }
        {
          absl::MutexLock lock(&mu);  // the case's first order gets this id
          confirm_started[c.case_id() + "-O1"] = Clock::now();
        }
        v1::ConfirmTriageRequest confirm;
        confirm.set_case_id(c.case_id());
        confirm.set_operator_id("bench");
        confirm.set_accept_suggestion(true);
        v1::Case out;
        if (const grpc::Status st =
                s.intake().ConfirmTriage(Ctx(Operator(v1::SIDE_110, "bench")).get(), confirm, &out);
            !st.ok()) {
          std::cerr << "bench: confirm " << c.case_id() << ": " << st.error_code() << " "
                    << st.error_message() << "\n";
        }
      }
    });
  }
  for (auto& d : desks) d.join();
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  while (signed_count < calls && Clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  run.seconds = std::chrono::duration<double>(Clock::now() - started).count();
  for (auto& ctx : contexts) ctx->TryCancel();
  for (auto& p : partners) p.join();
  run.signed_orders = signed_count;
  return run;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int calls = absl::GetFlag(FLAGS_calls);
  const int clients = absl::GetFlag(FLAGS_clients);
  Suite s(SuiteOptions{absl::GetFlag(FLAGS_fsync), {}, ""});

  // Latency: one call at a time, so the figure is the path, not a queue; and what one order
  // costs end to end (submit, confirm with its order, delivery, sign-for).
  const auto idle = liandong::bench::IdleCostsPerSecond(s);
  const auto before = liandong::bench::MeasureCosts(s);
  const Run latency = Push(s, "lat-", 300, 1, 1);
  const auto per_order = liandong::bench::PerUnit(before, liandong::bench::MeasureCosts(s), idle,
                                                  latency.seconds, latency.signed_orders);
  // Throughput: several desks and two partner replicas.
  const Run load = Push(s, "load-", calls, clients, 2);
  const double orders_per_s = load.signed_orders / load.seconds;
  const double xadd = RedisXaddRate(s.redis_server().port(), 50);
  const double xadd_single = RedisXaddRate(s.redis_server().port(), 1);
  std::cout << absl::StrFormat(
      "delivery benchmark (appendfsync %s)\n"
      "  latency, 1 call at a time     confirm → partner holds the order: p50 %.2f ms, p99 %.2f ms "
      "(%zu)\n"
      "  throughput, %d desks, 2 partner replicas\n"
      "                                %d of %d orders signed in %.2f s = %.0f orders/s\n"
      "                                under load: confirm → held p50 %.2f ms, p99 %.2f ms\n"
      "  redis-benchmark XADD          %.0f/s (50 clients), %.0f/s (1 client)\n"
      "  ratio orders/s : XADD/s       %.4f (50 clients), %.4f (1 client)\n"
      "  one order = SubmitCall (classify + commit) + ConfirmTriage (one commit: decision, order\n"
      "  XADD, clocks) + delivery + SignOrder (commit with XACK), measured one at a time:\n"
      "    %.1f Redis commands and %.2f ms CPU (Redis + the four services) per order\n"
      "    by name:%s\n"
      "    (inside-script commands hset/xadd/zadd/set count too; evalsha = Lua commits)\n",
      absl::GetFlag(FLAGS_fsync), Percentile(latency.latency_ms, 0.5),
      Percentile(latency.latency_ms, 0.99), latency.latency_ms.size(), clients, load.signed_orders,
      calls, load.seconds, orders_per_s, Percentile(load.latency_ms, 0.5),
      Percentile(load.latency_ms, 0.99), xadd, xadd_single, xadd > 0 ? orders_per_s / xadd : 0,
      xadd_single > 0 ? orders_per_s / xadd_single : 0, per_order.commands, per_order.cpu_ms,
      per_order.by_command);
  return load.signed_orders == calls && latency.signed_orders == 300 ? 0 : 1;
}
