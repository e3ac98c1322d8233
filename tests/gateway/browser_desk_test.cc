// The web desk in a real Chromium (Playwright, web/desk/tests/browser.mjs) against a real
// local stack: private Redis, the four services with mutual TLS and tokens, and the gateway.
#include <catch2/catch.hpp>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "gateway_process.h"
#include "run_command.h"

namespace v1 = liandong::v1;
using namespace liandong::testing;

TEST_CASE("web desk in Chromium: seat, live agency orders, emergency, refusal and KPIs") {
  Suite suite;
  GatewayProcess gateway(suite);
  const TestPki& pki = TestPki::Get();
  const std::string command = absl::StrCat(
      "cd ", LIANDONG_SOURCE_DIR, "/web/desk && env DESK_URL=", gateway.url(),
      " SCREENSHOT_DIR=", LIANDONG_BROWSER_ARTEFACTS,
      " TOKEN_OPERATOR=", pki.Token(Operator(v1::SIDE_110, "op-wang")),
      " TOKEN_AGENCY=", pki.Token(WorkerOf("agency:water_company", "agent-li")),
      " TOKEN_OTHER_AGENCY=", pki.Token(WorkerOf("agency:gas_company", "agent-zhou")),
      " TOKEN_SUPERVISOR=", pki.Token(Supervisor("sup-zhao")), " node tests/browser.mjs 2>&1");
  int code = -1;
  const std::string output = RunCommand(command, &code);
  std::cout << output << std::endl;
  INFO(output);
  INFO("gateway log:\n" << gateway.process().Log());
  CHECK(code == 0);
}
