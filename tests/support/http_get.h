#pragma once

#include <string>

namespace liandong::testing {

// GET http://127.0.0.1:<port><path>; returns the body ("" on any failure). Enough for
// /metrics and Prometheus' HTTP API in tests.
std::string HttpGet(int port, const std::string& path);

}  // namespace liandong::testing
