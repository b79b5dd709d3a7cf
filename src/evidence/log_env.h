#pragma once

// The evidence log's only access to files. PosixLogEnv is the real one;
// MemLogEnv keeps files in memory for unit tests and lets tamper tests edit
// stored bytes. Paths are '/'-separated strings; the log never interprets
// them beyond joining a directory and a relative tile path.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::evidence {

struct FileWrite {
  std::string path;
  std::string contents;
  // For a file that no reader opens before WriteFiles returns and that the
  // caller rewrites if a crash leaves it torn (the log's tiles beyond the
  // signed checkpoint): when the file does not exist yet it is created in
  // place, without the temp file and rename. An existing file is still
  // replaced atomically.
  bool in_place_if_new = false;
};

class LogEnv {
 public:
  virtual ~LogEnv() = default;

  // The whole file. kNotFound if it does not exist; kIOError otherwise.
  virtual base::Result<std::string> ReadFile(const std::string& path) const = 0;

  // Replaces every file in `files` with its contents, creating parent
  // directories. Each file is replaced atomically (a reader sees the old or
  // the new contents, never a mix; except new files marked in_place_if_new)
  // and all of them are durable when this returns OK: the batch costs one
  // round of syncs, not one per leaf. On kIOError some files may have been
  // replaced and others not.
  virtual base::Status WriteFiles(const std::vector<FileWrite>& files) = 0;

  // Removes a file or an empty directory. OK if it does not exist; kIOError
  // otherwise.
  virtual base::Status Remove(const std::string& path) = 0;

  // The names (not paths) of the entries of a directory, sorted; empty if the
  // directory does not exist. kIOError on failure.
  virtual base::Result<std::vector<std::string>> ListDir(const std::string& path) const = 0;
};

// The POSIX (Linux) implementation: new in_place_if_new files written where
// they belong and every other file to a temp file, one syncfs(2), the temp
// files renamed into place, one more syncfs (only if there were renames).
// Thread-compatible (no shared state).
std::unique_ptr<LogEnv> NewPosixLogEnv();

// In-memory files for tests. Directories exist implicitly while they hold a
// file. Not thread-safe.
class MemLogEnv : public LogEnv {
 public:
  base::Result<std::string> ReadFile(const std::string& path) const override;
  base::Status WriteFiles(const std::vector<FileWrite>& files) override;
  base::Status Remove(const std::string& path) override;
  base::Result<std::vector<std::string>> ListDir(const std::string& path) const override;

  // Direct access for tamper tests: the stored bytes, or nullptr.
  std::string* MutableFile(const std::string& path);
  // Every stored path, sorted.
  std::vector<std::string> Paths() const;
  // Number of WriteFiles calls so far (to check fsync batching).
  int write_batches() const { return write_batches_; }

 private:
  std::map<std::string, std::string> files_;
  int write_batches_ = 0;
};

}  // namespace vka::evidence
