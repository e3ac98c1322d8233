#pragma once

#include <string>

namespace liandong::testing {

// Runs a shell command and returns what it printed on stdout; the exit code in `exit_code`.
std::string RunCommand(const std::string& command, int* exit_code = nullptr);

}  // namespace liandong::testing
