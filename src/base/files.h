#pragma once

// Small file helpers: whole-file reads with a limit, and atomic writes
// (temporary file, fsync, rename, fsync of the folder).

#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vka::base {

// Reads a whole file of at most max_bytes. kNotFound if it does not exist,
// kInvalidArgument if it is larger, kIOError on read failure.
Result<std::string> ReadSmallFile(const std::filesystem::path& path,
                                  size_t max_bytes = 16 * 1024 * 1024);

// Writes contents to path atomically: a temporary file in the same folder,
// fsync, rename over path, fsync the folder. On failure path is unchanged
// and no temporary file is left.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view contents);

// fsyncs a folder, so that renames and removals in it are durable.
// kIOError naming the folder on failure.
Status SyncDirectory(const std::filesystem::path& dir);

// A file being written atomically through a stream: Commit() renames it into
// place; destroying it without Commit() removes the temporary file.
class AtomicFile {
 public:
  static Result<std::unique_ptr<AtomicFile>> Create(const std::filesystem::path& path);
  ~AtomicFile();

  std::ostream& stream();
  // Flushes, fsyncs and renames. kIOError (e.g. "disk full") on failure,
  // in which case the target is unchanged.
  Status Commit();

 private:
  AtomicFile() = default;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A new folder "<target>.tmp-XXXXXX" beside `target`, with permissions
// `mode` (mkdtemp makes it 0700), removed with all it holds when destroyed
// unless Release()d (e.g. after it was renamed into place). kIOError
// naming the folder if it cannot be made.
class TempFolder {
 public:
  static Result<std::unique_ptr<TempFolder>> CreateBeside(const std::filesystem::path& target,
                                                          unsigned mode);
  ~TempFolder();
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  void Release() { path_.clear(); }

 private:
  explicit TempFolder(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

}  // namespace vka::base
