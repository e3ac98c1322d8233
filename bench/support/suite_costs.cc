#include "suite_costs.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_format.h"

namespace liandong::bench {
namespace {

std::string Info(testing::Suite& s, const std::string& section) {
  auto info = s.redis().Command({"INFO", section});
  return info.ok() ? info->str : "";
}

// utime + stime of one process, in seconds (fields 14 and 15 of /proc/<pid>/stat).
double CpuSeconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  const auto close = text.rfind(')');
  if (close == std::string::npos) return 0;
  std::istringstream fields(text.substr(close + 2));
  std::string f;
  double ticks = 0;
  for (int i = 3; fields >> f && i <= 15; ++i) {
    if (i == 14 || i == 15) ticks += std::stod(f);
  }
  return ticks / sysconf(_SC_CLK_TCK);
}

}  // namespace

SuiteCosts MeasureCosts(testing::Suite& s) {
  SuiteCosts costs;
  std::istringstream stats(Info(s, "stats"));
  std::string line;
  while (std::getline(stats, line)) {
    if (line.rfind("total_commands_processed:", 0) == 0) {
      long long n = 0;
      if (absl::SimpleAtoi(line.substr(25, line.find_first_of("\r\n") - 25), &n)) {
        costs.commands = static_cast<double>(n);
      }
    }
  }
  std::istringstream commandstats(Info(s, "commandstats"));
  while (std::getline(commandstats, line)) {
    // cmdstat_xadd:calls=12,usec=…
    const auto colon = line.find(':');
    const auto comma = line.find(',');
    if (line.rfind("cmdstat_", 0) != 0 || colon == std::string::npos ||
        comma == std::string::npos) {
      continue;
    }
    long long n = 0;
    if (absl::SimpleAtoi(line.substr(colon + 7, comma - colon - 7), &n)) {
      costs.by_command[line.substr(8, colon - 8)] = n;
    }
  }
  costs.cpu_seconds = CpuSeconds(s.redis_server().process().pid());
  for (const char* name : {"intake", "classification", "dispatch", "feedback"}) {
    costs.cpu_seconds += CpuSeconds(s.process(name).pid());
  }
  return costs;
}

SuiteCosts IdleCostsPerSecond(testing::Suite& s, double seconds) {
  const SuiteCosts before = MeasureCosts(s);
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  const SuiteCosts after = MeasureCosts(s);
  SuiteCosts rate;
  rate.commands = (after.commands - before.commands) / seconds;
  rate.cpu_seconds = (after.cpu_seconds - before.cpu_seconds) / seconds;
  return rate;
}

UnitCosts PerUnit(const SuiteCosts& before, const SuiteCosts& after, const SuiteCosts& idle,
                  double seconds, double units) {
  UnitCosts per;
  if (units <= 0) return per;
  per.commands = (after.commands - before.commands - idle.commands * seconds) / units;
  per.cpu_ms = 1000 * (after.cpu_seconds - before.cpu_seconds - idle.cpu_seconds * seconds) / units;
  for (const auto& [name, n] : after.by_command) {
    auto was = before.by_command.find(name);
    const double delta = n - (was == before.by_command.end() ? 0 : was->second);
    if (delta / units >= 0.1) per.by_command += absl::StrFormat(" %s %.1f", name, delta / units);
  }
  return per;
}

}  // namespace liandong::bench
