#include "rules/rule_table_holder.h"

#include "rules/rule_table_loader.h"

namespace liandong::rules {

absl::Status RuleTableHolder::Load() {
  auto table = LoadRuleTable(path_);
  if (!table.ok()) return table.status();
  auto index = std::make_shared<const RuleIndex>(*std::move(table));
  absl::MutexLock lock(&mu_);
  current_ = std::move(index);
  return absl::OkStatus();
}

std::shared_ptr<const RuleIndex> RuleTableHolder::Get() const {
  absl::MutexLock lock(&mu_);
  return current_;
}

}  // namespace liandong::rules
