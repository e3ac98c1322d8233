#pragma once

#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "prometheus/registry.h"
#include "rules/rule_table_holder.h"
#include "rules/work_calendar.h"
#include "store/case_store.h"

namespace liandong::server {

// Shared flags: --redis, --key_prefix, --rules, --rpc_timeout_ms.
std::shared_ptr<store::RedisClient> RedisFromFlags();
store::Keys KeysFromFlags();
// Loads the rule table named by --rules (or the installed default); refuses a bad table.
absl::StatusOr<std::unique_ptr<rules::RuleTableHolder>> RulesFromFlags();
absl::Duration RpcTimeoutFromFlags();
// Starts reloading the table on change every --rules_reload_ms (0: never); see
// RuleTableHolder::WatchFile.
void WatchRulesFromFlags(
    rules::RuleTableHolder& holder,
    std::function<void(std::shared_ptr<const rules::RuleIndex>)> on_change = {});
// The working-day calendar named by --calendar (comma-separated files; default: Monday to
// Friday), with its edges made loud (WatchCalendar) in the service time zone.
absl::StatusOr<rules::WorkCalendar> CalendarFromFlags(const std::string& service,
                                                      prometheus::Registry& registry);
// --metrics_listen, or the service's default (9101 intake … 9104 feedback) when not given.
std::string MetricsListenFromFlags(const std::string& service_default);

}  // namespace liandong::server
