#include "server/service_setup.h"

#include <cstdlib>
#include <iostream>

#include "absl/flags/flag.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_split.h"
#include "common/service_time_zone.h"
#include "rules/rule_table_loader.h"
#include "server/calendar_metrics.h"
#include "server/client_security.h"

ABSL_FLAG(std::string, redis, "127.0.0.1:6379", "Redis address host:port");
ABSL_FLAG(std::string, redis_password, "",
          "Redis password (prefer --redis_password_file or env LIANDONG_REDIS_PASSWORD)");
ABSL_FLAG(std::string, redis_password_file, "", "file holding the Redis password");
ABSL_FLAG(std::string, redis_user, "",
          "Redis ACL user of this service (deploy/redis/users.acl; \"\" = default user)");
ABSL_FLAG(std::string, key_prefix, "ld:", "prefix of every Redis key");
ABSL_FLAG(std::string, rules, "", "rule table (text format); default: the installed table");
ABSL_FLAG(int, rpc_timeout_ms, 2000, "deadline of every outgoing gRPC call");
ABSL_FLAG(int, rules_reload_ms, 5000,
          "how often the rule table file is checked for changes and reloaded (0: never)");
ABSL_FLAG(std::string, metrics_listen, "",
          "Prometheus /metrics address (default 127.0.0.1:910x by service; port 0: any free port)");
ABSL_FLAG(std::string, calendar, "",
          "working-day calendar files (text format), comma-separated, e.g. one a year; "
          "default: weekdays only, and every date counts as outside the calendar");

namespace liandong::server {

std::shared_ptr<store::RedisClient> RedisFromFlags() {
  auto options = store::ParseRedisAddress(absl::GetFlag(FLAGS_redis));
  if (!options.ok()) {
    std::cerr << options.status().message() << std::endl;
    std::exit(2);
  }
  options->user = absl::GetFlag(FLAGS_redis_user);
  options->password = absl::GetFlag(FLAGS_redis_password);
  if (const std::string file = absl::GetFlag(FLAGS_redis_password_file); !file.empty()) {
    auto secret = ReadSmallFile(file);
    if (!secret.ok()) {
      std::cerr << secret.status().message() << std::endl;
      std::exit(2);
    }
    options->password = std::string(absl::StripAsciiWhitespace(*secret));
  }
  if (const char* env = std::getenv("LIANDONG_REDIS_PASSWORD"); env && options->password.empty()) {
    options->password = env;
  }
  return std::make_shared<store::RedisClient>(*options);
}

store::Keys KeysFromFlags() { return store::Keys(absl::GetFlag(FLAGS_key_prefix)); }

absl::StatusOr<std::unique_ptr<rules::RuleTableHolder>> RulesFromFlags() {
  std::string path = absl::GetFlag(FLAGS_rules);
  if (path.empty()) path = rules::DefaultRuleTablePath();
  auto holder = std::make_unique<rules::RuleTableHolder>(path);
  absl::Status loaded = holder->Load();
  if (!loaded.ok()) return loaded;
  return holder;
}

absl::Duration RpcTimeoutFromFlags() {
  return absl::Milliseconds(absl::GetFlag(FLAGS_rpc_timeout_ms));
}

}  // namespace liandong::server

namespace liandong::server {

absl::StatusOr<rules::WorkCalendar> CalendarFromFlags(const std::string& service,
                                                      prometheus::Registry& registry) {
  const std::vector<std::string> paths =
      absl::StrSplit(absl::GetFlag(FLAGS_calendar), ',', absl::SkipWhitespace());
  rules::WorkCalendar calendar;
  if (!paths.empty()) {
    auto loaded = rules::WorkCalendar::LoadAll(paths);
    if (!loaded.ok()) return loaded.status();
    calendar = *std::move(loaded);
  }
  WatchCalendar(calendar, service, registry, ServiceTimeZone(), absl::Now());
  return calendar;
}

std::string MetricsListenFromFlags(const std::string& service_default) {
  const std::string listen = absl::GetFlag(FLAGS_metrics_listen);
  return listen.empty() ? service_default : listen;
}

void WatchRulesFromFlags(rules::RuleTableHolder& holder,
                         std::function<void(std::shared_ptr<const rules::RuleIndex>)> on_change) {
  const int ms = absl::GetFlag(FLAGS_rules_reload_ms);
  if (ms > 0) holder.WatchFile(absl::Milliseconds(ms), std::move(on_change));
}

}  // namespace liandong::server
