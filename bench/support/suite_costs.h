#pragma once

#include <map>
#include <string>

#include "suite.h"

namespace liandong::bench {

// What a private stack has spent so far: Redis commands (all, and by name; commands run inside
// the commit scripts count too) and the CPU of Redis and the four services together.
struct SuiteCosts {
  double commands = 0;
  double cpu_seconds = 0;
  std::map<std::string, long long> by_command;
};
SuiteCosts MeasureCosts(testing::Suite& s);

// Costs per unit of work between two snapshots taken `seconds` apart, less the stack's idle
// background (`idle_per_second`, pollers and sweeps), divided by `units`.
struct UnitCosts {
  double commands = 0;
  double cpu_ms = 0;
  std::string by_command;  // " evalsha 2.0 get 4.0 …" (names at ≥ 0.1 per unit)
};
SuiteCosts IdleCostsPerSecond(testing::Suite& s, double seconds = 3);
UnitCosts PerUnit(const SuiteCosts& before, const SuiteCosts& after, const SuiteCosts& idle,
                  double seconds, double units);

}  // namespace liandong::bench
