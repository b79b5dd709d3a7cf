#pragma once

// The content-addressed store of evidence files (DESIGN.md §4):
//   WORKSPACE/blobs/sha256/ab/cd/<64 hex>   one file per distinct content,
//                                           ab and cd the first two hex pairs,
//                                           mode 0444 once written
//   WORKSPACE/blobs/tmp/                    files being written
// A blob is written by streaming (1 MiB at a time, constant memory) into a
// temp file, fsync, chmod 0444, rename into place, fsync of the directory.
// A blob is therefore either absent or complete; a crash leaves at most a
// stray temp file. Blobs are never changed or removed by vka, so a blob
// that no database row names (a crash between Put and the commit) is
// harmless and is reused by the next Put of the same content.

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/sha256.h"
#include "base/status.h"

namespace vka::evidence {

struct StoredBlob {
  base::Digest digest;
  std::string sha256;  // the digest as 64 lower-case hex digits
  uint64_t size = 0;
  bool already_present = false;  // the content was stored before this Put
};

// True for 64 lower-case hex digits.
bool IsSha256Hex(const std::string& text);

// Thread-compatible: one BlobStore per thread; several processes may Put
// the same content at once (each renames an identical file into place).
class BlobStore {
 public:
  // root: WORKSPACE/blobs. Nothing is touched until the first call.
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Stores the content of the regular file at source_path. Returns its hash
  // and size; already_present when a blob of that hash existed (its size is
  // checked, not its content). Errors: kNotFound (no such file),
  // kInvalidArgument (not a regular file), kDataLoss (a stored blob of that
  // hash has another size), kIOError.
  // Removes first the temp files of writers that were killed (their process
  // no longer exists), so an interrupted ingest leaves no lasting debris.
  base::Result<StoredBlob> Put(const std::string& source_path);

  // Deletes blobs/tmp files left by processes that no longer exist; returns
  // how many. Files of live processes (or with no pid in their name) stay.
  int RemoveStaleTemps() const;

  // Where the blob of `sha256` lives (whether or not it exists).
  // REQUIRES: IsSha256Hex(sha256).
  std::filesystem::path PathOf(const std::string& sha256) const;

  // Copies the blob to dest (created or truncated, then fsynced), hashing
  // on the way. kDataLoss "file missing" / "file changed" if the blob is
  // absent or its content no longer has its hash (dest is then removed);
  // kInvalidArgument for a malformed hash; kIOError.
  base::Status CopyTo(const std::string& sha256, const std::string& dest) const;

  // Re-hashes the blob. kDataLoss "evidence file <hash>: file missing" or
  // "...: file changed"; kInvalidArgument for a malformed hash; kIOError
  // for read errors other than absence.
  base::Status Verify(const std::string& sha256) const;

 private:
  std::filesystem::path root_;
};

}  // namespace vka::evidence
