#pragma once

#include <string>

namespace liandong::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents when destroyed
// unless LIANDONG_KEEP_TEST_DIRS is set (for post-mortems).
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

}  // namespace liandong::testing
