#pragma once

#include <string>
#include <vector>

#include "suite.h"
#include "temp_dir.h"

namespace liandong::testing {

// Thin wrappers over the real RPCs that fail the test on an unexpected status.
v1::Case Submit(Suite& s, v1::Side side, const std::string& text,
                const std::string& request_id = "");
v1::Case Confirm(Suite& s, const std::string& case_id);
v1::Case GetCase(Suite& s, const std::string& case_id);  // as a supervisor
// The operator of the desk that received the case (it calls back and closes), as `subject`.
Who DeskOf(Suite& s, const std::string& case_id, const std::string& subject);
v1::WorkOrder Sign(Suite& s, const v1::WorkOrder& o, const std::string& signer = "agent-1");
v1::WorkOrder Resolve(Suite& s, const v1::WorkOrder& o, const std::string& result);
// The destination's worker `signer` returns the order (退回) with `reason_code`.
v1::WorkOrder ReturnOrder(Suite& s, const v1::WorkOrder& o, const std::string& signer,
                          const std::string& reason_code);
v1::Case Callback(Suite& s, const std::string& case_id, int satisfaction);
v1::Case Close(Suite& s, const std::string& case_id);

// Subscribes as `consumer` of `destination` and reads `count` deliveries (or fewer on timeout).
std::vector<v1::OrderDelivery> ReadOrders(Suite& s, const std::string& destination,
                                          const std::string& consumer, int count,
                                          double timeout_seconds = 5);
// Outcomes of one case on its sending side, from the start of the stream.
std::vector<v1::Outcome> ReadOutcomes(Suite& s, v1::Side side, const std::string& case_id,
                                      int count, double timeout_seconds = 5);

// SubmitCall then ConfirmTriage with request ids, retrying through UNAVAILABLE (a service or
// Redis restarting) for up to `seconds`; returns the confirmed case.
v1::Case SubmitAndConfirmRetrying(Suite& s, v1::Side side, const std::string& text,
                                  const std::string& request_id, double seconds = 30);

// Confirms a case as a transfer to `item` (an operator's override, with a reason).
v1::Case ConfirmItem(Suite& s, const v1::Case& c, const std::string& item);
// Sleeps until 300 ms past `due`.
void SleepUntilPast(const google::protobuf::Timestamp& due);
// The default rule table with `tier` scaled to seconds, written into `dir`; returns its path.
std::string ScaledTierRules(const TempDir& dir, const std::string& tier, int sign_for_seconds,
                            int resolve_seconds);

std::vector<std::string> TimelineTypes(const v1::Case& c);
// Entries of ld:events for one case.
int EventCount(Suite& s, const std::string& case_id);
long long StreamLength(Suite& s, const std::string& key);
long long PendingCount(Suite& s, const std::string& key);
// The whole database's key count, to prove a refused request wrote nothing.
long long KeyCount(Suite& s);

}  // namespace liandong::testing
