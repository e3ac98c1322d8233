// liandong-bench-confirm: what one decision costs, and whether it stays flat as open cases pile
// up. On a private stack (real Redis and services, TLS, tokens) it prints
//   - ConfirmTriage p50/p99 with 0 and with N open cases of one item in one district,
//   - the submit+confirm throughput of the first and the last 1,000 calls of the fill,
//   - per decision (with its work order): Redis commands and the CPU of every process together.
// Duplicates are looked up by place through an index, so the figures should not grow with N.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <thread>

#include "absl/flags/flag.h"
#include "absl/flags/parse.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"
#include "flow_helpers.h"
#include "suite_costs.h"

ABSL_FLAG(int, open_cases, 10000, "open cases of one item and district to pile up");
ABSL_FLAG(int, samples, 300, "ConfirmTriage calls timed at each level");
ABSL_FLAG(int, clients, 4, "concurrent desks filling the open cases");

namespace v1 = liandong::v1;
using namespace liandong::testing;
using Clock = std::chrono::steady_clock;

namespace {

const char kWater[] = "我们小区停水两天了，水龙头一滴水都没有";

v1::SubmitCallRequest Call(const std::string& tag, int i) {
  v1::SubmitCallRequest req;
  req.set_request_id(absl::StrFormat("%s-%d", tag, i));
  req.set_side(v1::SIDE_110);
  req.set_channel(v1::CHANNEL_PHONE);
  req.set_text(kWater);
  req.set_operator_id("op-110");
  req.mutable_caller()->set_phone("13800000000");
  // Every call at its own place (its own house number), all in one district.
  req.mutable_location()->set_address(absl::StrFormat("和平区%s路%d号", tag, i));
  req.mutable_location()->set_district_code("120101");
  return req;
}

// Submits a call and returns the ConfirmTriage time in ms (-1 on failure).
double SubmitAndConfirm(Suite& s, const std::string& tag, int i) {
  v1::Case c;
  if (!s.intake().SubmitCall(Ctx(Operator(v1::SIDE_110)).get(), Call(tag, i), &c).ok()) return -1;
  v1::ConfirmTriageRequest confirm;
  confirm.set_case_id(c.case_id());
  confirm.set_operator_id("op-110");
  confirm.set_accept_suggestion(true);
  confirm.set_request_id(absl::StrFormat("%s-%d-c", tag, i));
  confirm.set_expected_version(c.version());
  const auto ctx = Ctx(Operator(v1::SIDE_110, "op-110"));
  const auto start = Clock::now();
  const grpc::Status st = s.intake().ConfirmTriage(ctx.get(), confirm, &c);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (!st.ok()) {
    std::cerr << "bench: confirm: " << st.error_message() << "\n";
    return -1;
  }
  return ms;
}

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * v.size()))];
}

std::vector<double> TimeConfirms(Suite& s, const std::string& tag, int n) {
  std::vector<double> ms;
  for (int i = 0; i < n; ++i) {
    const double t = SubmitAndConfirm(s, tag, i);
    if (t >= 0) ms.push_back(t);
  }
  return ms;
}

// Calls/s of submit+confirm over [from, to) of the fill, `clients` desks at once.
double Fill(Suite& s, int from, int to, int clients) {
  std::atomic<int> next{from};
  const auto start = Clock::now();
  std::vector<std::thread> desks;
  for (int t = 0; t < clients; ++t) {
    desks.emplace_back([&] {
      for (int i = next++; i < to; i = next++) SubmitAndConfirm(s, "fill", i);
    });
  }
  for (auto& d : desks) d.join();
  return (to - from) / std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  absl::ParseCommandLine(argc, argv);
  const int open = absl::GetFlag(FLAGS_open_cases);
  const int samples = absl::GetFlag(FLAGS_samples);
  const int clients = absl::GetFlag(FLAGS_clients);
  Suite s;

  // The services' own background work (pollers, SLA sweeps) while idle, to subtract.
  const auto idle = liandong::bench::IdleCostsPerSecond(s);
  const auto before = liandong::bench::MeasureCosts(s);
  const auto run_start = Clock::now();
  const auto empty = TimeConfirms(s, "empty", samples);
  const double run_seconds = std::chrono::duration<double>(Clock::now() - run_start).count();
  const auto per_call = liandong::bench::PerUnit(before, liandong::bench::MeasureCosts(s), idle,
                                                 run_seconds, static_cast<double>(empty.size()));

  const int block = std::min(1000, open / 2);
  const double first_rate = Fill(s, 0, block, clients);
  Fill(s, block, open - block, clients);
  const double last_rate = Fill(s, open - block, open, clients);
  const auto full = TimeConfirms(s, "full", samples);

  std::printf("liandong-bench-confirm (%d samples per level, %d desks filling)\n", samples,
              clients);
  std::printf("  ConfirmTriage with %6d open cases: p50 %6.2f ms  p99 %6.2f ms\n", 0,
              Percentile(empty, 0.5), Percentile(empty, 0.99));
  std::printf("  ConfirmTriage with %6d open cases: p50 %6.2f ms  p99 %6.2f ms\n", open,
              Percentile(full, 0.5), Percentile(full, 0.99));
  std::printf("  ratio full/empty: p50 %.2fx  p99 %.2fx (flat: within 2x)\n",
              Percentile(full, 0.5) / Percentile(empty, 0.5),
              Percentile(full, 0.99) / Percentile(empty, 0.99));
  std::printf(
      "  fill throughput: first %d calls %.0f calls/s, last %d calls %.0f calls/s (%.0f%%)\n",
      block, first_rate, block, last_rate, 100.0 * last_rate / first_rate);
  std::printf(
      "  per call (SubmitCall + ConfirmTriage with its order, one at a time): %.1f Redis "
      "commands, %.2f ms CPU of Redis and the four services together (idle background of %.0f "
      "commands/s and %.1f%% CPU subtracted)\n",
      per_call.commands, per_call.cpu_ms, idle.commands, 100.0 * idle.cpu_seconds);
  // Commands run inside the commit scripts (hset, xadd, zadd, set) count here too; the round
  // trips are the rest (evalsha, get, hgetall, incr, zrangebyscore).
  std::printf("  Redis commands per call by name:%s\n", per_call.by_command.c_str());
  return 0;
}
