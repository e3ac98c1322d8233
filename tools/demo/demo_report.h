#pragma once

#include <ostream>
#include <set>
#include <string>
#include <vector>

#include "liandong/v1/common.pb.h"
#include "liandong/v1/feedback.pb.h"

namespace liandong::demo {

struct DemoTotals {
  int calls = 0;
  int orders = 0;
  int closed = 0;
  int lost = 0;  // orders written into cases that no partner received
};

// Prints calls by side and disposition, orders by destination and closures (from the case
// records), the policy §6 figures as the feedback service reports them, and returns the totals
// of the closing line.
DemoTotals Report(const std::vector<v1::Case>& cases, const std::set<std::string>& received,
                  const v1::KpiReport& kpis, std::ostream& out);

}  // namespace liandong::demo
