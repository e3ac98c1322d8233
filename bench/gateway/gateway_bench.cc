// liandong-bench-gateway: Classify through the gateway (HTTP/JSON, keep-alive) beside the same
// call made directly over gRPC, in the same run on a private stack: requests/s and p50/p95
// latency each. With --browser it also runs web/desk/tests/latency.mjs (Playwright + Debian's
// Chromium): the time from the last keystroke to the suggestion on screen, p50/p95.
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <iostream>
#include <mutex>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "gateway_process.h"
#include "run_command.h"

ABSL_FLAG(int, requests, 2000, "Classify calls per path");
ABSL_FLAG(int, clients, 4, "concurrent clients per path");
ABSL_FLAG(bool, browser, true, "also measure keystroke → suggestion in Chromium");

namespace v1 = liandong::v1;
using namespace liandong::testing;
using Clock = std::chrono::steady_clock;

namespace {

constexpr char kText[] = "小区停水两天了";

struct Figures {
  double per_second = 0, p50_ms = 0, p95_ms = 0;
  int failures = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

// Runs `one` (true on success) `total` times over `clients` threads.
template <typename MakeClient>
Figures Run(int total, int clients, MakeClient make_client) {
  std::atomic<int> next{0}, failures{0};
  std::mutex mu;
  std::vector<double> latencies;
  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&] {
      auto one = make_client();
      std::vector<double> mine;
      while (next.fetch_add(1) < total) {
        const auto t0 = Clock::now();
        if (!one()) failures.fetch_add(1);
        mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads) t.join();
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return {total / seconds, Percentile(latencies, 0.5), Percentile(latencies, 0.95), failures};
}

void Print(const std::string& name, const Figures& f) {
  std::cout << absl::StrFormat("%-28s %8.0f req/s   p50 %6.2f ms   p95 %6.2f ms   failures %d\n",
                               name, f.per_second, f.p50_ms, f.p95_ms, f.failures)
            << std::flush;
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int total = absl::GetFlag(FLAGS_requests);
  const int clients = absl::GetFlag(FLAGS_clients);
  Suite suite;
  GatewayProcess gateway(suite);
  const std::string token = TestPki::Get().Token(Operator(v1::SIDE_110, "op-bench"));
  std::cout << "Classify(\"" << kText << "\"), " << total << " calls, " << clients
            << " clients, mutual TLS to the services, one host (2 cores shared by everything)"
            << std::endl;

  const Figures direct = Run(total, clients, [&suite, &token] {
    return [&suite, &token] {
      v1::ClassifyRequest req;
      req.set_side(v1::SIDE_110);
      req.set_text(kText);
      v1::Triage out;
      auto ctx = Ctx(5);
      ctx->AddMetadata("authorization", "Bearer " + token);
      return suite.classification().Classify(ctx.get(), req, &out).ok();
    };
  });
  const std::string body =
      R"({"side":"SIDE_110","channel":"CHANNEL_PHONE","text":"5bCP5Yy65YGc5rC05Lik5aSp5LqG"})";
  const Figures http = Run(total, clients, [&gateway, &token, &body] {
    auto client = std::make_shared<httplib::Client>("127.0.0.1", gateway.port());
    client->set_keep_alive(true);
    client->set_tcp_nodelay(true);  // as browsers do
    return [client, &token, &body] {
      auto res = client->Post("/api/v1/ClassificationService/Classify",
                              {{"Authorization", "Bearer " + token}}, body, "application/json");
      return res && res->status == 200;
    };
  });
  Print("direct gRPC Classify", direct);
  Print("gateway HTTP/JSON Classify", http);
  std::cout << absl::StrFormat("gateway / direct throughput: %.2f\n",
                               direct.per_second > 0 ? http.per_second / direct.per_second : 0);

  if (absl::GetFlag(FLAGS_browser)) {
    int code = -1;
    const std::string out = RunCommand(
        absl::StrCat("cd ", LIANDONG_SOURCE_DIR, "/web/desk && env DESK_URL=", gateway.url(),
                     " TOKEN_OPERATOR=", token, " node tests/latency.mjs 2>&1"),
        &code);
    std::cout << out;
    if (code != 0) return 1;
  }
  return direct.failures + http.failures == 0 ? 0 : 1;
}
