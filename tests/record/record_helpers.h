#pragma once

#include <string>
#include <vector>

#include "archiver_process.h"
#include "postgres_server.h"
#include "suite.h"

namespace liandong::testing {

// Every id on ld:events, in stream order.
std::vector<std::string> RedisEventIds(Suite& s);
// Every event id in the record, in stream order (duplicates would show).
std::vector<std::string> RecordEventIds(PostgresServer& pg);
// Waits until the record holds as many events as ld:events (or `expected`, when the stream is
// being trimmed) and the archiver group has nothing pending; false on timeout.
bool WaitArchived(Suite& s, PostgresServer& pg, double seconds, long long expected = -1);

struct CallSpec {
  v1::Side side = v1::SIDE_12345;
  std::string text;
  std::string phone = "13800000001";
  std::string address = "和平区测试路1号";
  std::string district = "120101";
};
// SubmitCall (not confirmed); the case as intake returned it.
v1::Case SubmitSpec(Suite& s, const CallSpec& spec);

// A counter's value on a /metrics page, 0 when absent.
double MetricValue(int port, const std::string& name);

// The health of the named service "ready" (true: SERVING).
bool Ready(const std::string& address);

}  // namespace liandong::testing
