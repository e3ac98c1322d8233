#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace liandong::testing {

// A program started for a test, with stdout and stderr in `log_path`.
// Stopped with SIGTERM (then SIGKILL) when destroyed.
class ChildProcess {
 public:
  ChildProcess(const std::string& binary, const std::vector<std::string>& args,
               const std::string& log_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // SIGTERM, wait up to `seconds`, then SIGKILL. Returns the exit status as waitpid gives it.
  int Stop(double seconds = 10);
  void Kill9();
  // Sends SIGTERM without waiting (to stop several processes at once; then Stop each).
  void Terminate();
  bool Running();
  pid_t pid() const { return pid_; }
  const std::string& log_path() const { return log_path_; }
  std::string Log() const;

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  std::string log_path_;
};

}  // namespace liandong::testing
