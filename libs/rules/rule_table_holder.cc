#include "rules/rule_table_holder.h"

#include <sys/stat.h>

#include <iostream>

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

namespace {

// The file's modification time and size: what changes when anyone rewrites it (a ConfigMap
// update swaps a symlink, which stat follows).
std::pair<int64_t, int64_t> Stamp(const std::string& path) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) return {0, 0};
  return {static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec,
          static_cast<int64_t>(st.st_size)};
}

}  // namespace

void RuleTableHolder::WatchFile(absl::Duration interval,
                                std::function<void(std::shared_ptr<const RuleIndex>)> on_change) {
  watcher_ = std::thread([this, interval, on_change = std::move(on_change)] {
    auto seen = Stamp(path_);
    while (!stop_watching_) {
      for (absl::Duration slept; slept < interval && !stop_watching_;
           slept += absl::Milliseconds(50)) {
        absl::SleepFor(absl::Milliseconds(50));
      }
      const auto now = Stamp(path_);
      if (now == seen) continue;
      seen = now;
      absl::Status loaded = Load();
      if (!loaded.ok()) {
        std::cerr << "rule table reload refused, keeping version " << Get()->version() << ": "
                  << loaded.message() << std::endl;
        continue;
      }
      std::cerr << "rule table reloaded: version " << Get()->version() << std::endl;
      if (on_change) on_change(Get());
    }
  });
}

void RuleTableHolder::StopWatching() {
  stop_watching_ = true;
  if (watcher_.joinable()) watcher_.join();
}

}  // namespace liandong::rules
