#pragma once

// A directory for tests that cannot avoid the real file system.

#include <string>

#include "base/status.h"

namespace vka::testing {

// Creates a fresh, uniquely named directory under the system temp directory
// ($TMPDIR or /tmp) and removes it, with everything inside, when destroyed.
// Not thread-safe; each test makes its own.
class ScopedTempDir {
 public:
  // kIOError if the directory cannot be created.
  static base::Result<ScopedTempDir> Create();

  ScopedTempDir(ScopedTempDir&& other) noexcept;
  ScopedTempDir& operator=(ScopedTempDir&& other) noexcept;
  ScopedTempDir(const ScopedTempDir&) = delete;
  ScopedTempDir& operator=(const ScopedTempDir&) = delete;
  // Removes the directory recursively; errors are ignored.
  ~ScopedTempDir();

  // The absolute path of the directory, without a trailing slash.
  const std::string& path() const { return path_; }
  // path() + "/" + name.
  std::string Join(const std::string& name) const { return path_ + "/" + name; }

 private:
  explicit ScopedTempDir(std::string path) : path_(std::move(path)) {}
  void Remove();

  std::string path_;  // empty after a move
};

}  // namespace vka::testing
