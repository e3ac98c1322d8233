#include "record_helpers.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <sstream>
#include <thread>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_split.h"
#include "grpc/health/v1/health.grpc.pb.h"
#include "http_get.h"
#include "server/client_channel.h"
#include "store/streams.h"

namespace liandong::testing {

std::vector<std::string> RedisEventIds(Suite& s) {
  std::vector<std::string> ids;
  std::string start = "-";
  for (;;) {
    auto reply = s.redis().Command({"XRANGE", "ld:events", start, "+", "COUNT", "1000"});
    REQUIRE(reply.ok());
    auto page = store::ParseEntries(*reply);
    if (page.empty()) break;
    for (const auto& e : page) ids.push_back(e.id);
    start = "(" + page.back().id;
  }
  return ids;
}

std::vector<std::string> RecordEventIds(PostgresServer& pg) {
  const std::string out =
      pg.Query("SELECT stream_ms || '-' || stream_seq FROM events ORDER BY stream_ms, stream_seq");
  std::vector<std::string> ids;
  for (absl::string_view line : absl::StrSplit(out, '\n', absl::SkipEmpty())) {
    ids.emplace_back(line);
  }
  return ids;
}

bool WaitArchived(Suite& s, PostgresServer& pg, double seconds, long long expected) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
  while (std::chrono::steady_clock::now() < until) {
    auto len = s.redis().Command({"XLEN", "ld:events"});
    auto pending = s.redis().Command({"XPENDING", "ld:events", "archiver"});
    long long archived = 0;
    const std::string count = pg.Query("SELECT count(*) FROM events");
    if (len.ok() && pending.ok() &&
        absl::SimpleAtoi(absl::StripAsciiWhitespace(count), &archived) &&
        archived == (expected >= 0 ? expected : len->integer) && !pending->elements.empty() &&
        pending->elements[0].integer == 0) {
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

v1::Case SubmitSpec(Suite& s, const CallSpec& spec) {
  v1::SubmitCallRequest req;
  req.set_side(spec.side);
  req.set_channel(v1::CHANNEL_PHONE);
  req.set_text(spec.text);
  req.set_operator_id("op-record");
  req.mutable_caller()->set_phone(spec.phone);
  req.mutable_location()->set_address(spec.address);
  req.mutable_location()->set_district_code(spec.district);
  v1::Case out;
  const grpc::Status st =
      s.intake().SubmitCall(Ctx(Operator(spec.side, "op-record")).get(), req, &out);
  INFO(st.error_message());
  REQUIRE(st.ok());
  return out;
}

double MetricValue(int port, const std::string& name) {
  const std::string page = HttpGet(port, "/metrics");
  std::istringstream in(page);
  std::string line;
  double total = 0;
  while (std::getline(in, line)) {
    if (line.rfind(name, 0) != 0) continue;
    const char next = line.size() > name.size() ? line[name.size()] : '\0';
    if (next != ' ' && next != '{') continue;
    double v = 0;
    if (absl::SimpleAtod(line.substr(line.rfind(' ') + 1), &v)) total += v;
  }
  return total;
}

bool Ready(const std::string& address) {
  auto stub =
      grpc::health::v1::Health::NewStub(server::MakeChannel(address, TestPki::Get().Client()));
  grpc::health::v1::HealthCheckRequest req;
  req.set_service("ready");
  grpc::health::v1::HealthCheckResponse out;
  const grpc::Status st = stub->Check(Ctx(2).get(), req, &out);
  return st.ok() && out.status() == grpc::health::v1::HealthCheckResponse::SERVING;
}

}  // namespace liandong::testing
