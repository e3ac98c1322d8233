#pragma once

#include <string>

#include "liandong/v1/common.pb.h"

namespace liandong::store {

// The Redis key layout of docs/architecture.md, under a configurable prefix (default "ld:").
class Keys {
 public:
  explicit Keys(std::string prefix = "ld:") : prefix_(std::move(prefix)) {}

  // Hash tag {case_id}: a case's keys live in one cluster slot.
  std::string Case(const std::string& case_id) const;
  std::string Events() const;
  std::string WorkOrders(const std::string& destination) const;
  std::string DeadLetters(const std::string& destination) const;
  std::string Idempotency(const std::string& scope, const std::string& request_id) const;
  // Outcomes for the side that sent cases away.
  std::string Outcomes(v1::Side side) const;
  std::string CaseSequence(const std::string& yyyymmdd) const;
  // Every order's SLA deadlines: member "<order_id>|<kind>", score = when (unix ms).
  std::string SlaClocks() const;
  // Open deadlines: member "<order_id>|sign_for" or "|resolve", score = due (unix ms).
  std::string Deadlines() const;
  // Open cases by item and district, for linking duplicate calls (score = received, ms).
  std::string OpenCases(const std::string& matter, const std::string& district,
                        const std::string& place) const;
  // The security audit trail: refused calls and reads of callers' personal data.
  std::string SecurityAudit() const { return prefix_ + "security"; }
  // Which identity created a consumer of a destination's group (one key per consumer).
  std::string ConsumerOwner(const std::string& destination, const std::string& consumer) const {
    return prefix_ + "consumer:" + destination + ":" + consumer;
  }
  const std::string& prefix() const { return prefix_; }

  // The consumer group every destination's stream is read through.
  static constexpr char kPartnerGroup[] = "partners";

 private:
  std::string prefix_;
};

}  // namespace liandong::store
