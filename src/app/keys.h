#pragma once

// The workspace's data keys, which seal sensitive fields at rest
// (docs/formats/encryption.md): one file per key, WORKSPACE/keys/data-<id>.key
// (mode 0600, in the 0700 keys folder beside the log signing key), the loader
// through which the store reads them, and rotation. `vka init` creates the
// first key; `vka keys rotate` replaces it; `vka keys list` shows them.

#include <filesystem>
#include <string>
#include <vector>

#include "app/workspace.h"
#include "base/status.h"
#include "storage/data_key.h"

namespace vka::app {

// The file of data key `id` in the workspace `dir`.
std::filesystem::path DataKeyPath(const std::filesystem::path& dir, const std::string& id);

// The loader Workspace::Open gives its store: reads DataKeyPath(dir, id)
// when the store first needs key `id`. Errors: kFailedPrecondition when the
// file does not exist (the message names it and says to restore it);
// kDataLoss when it is malformed or names another key; kIOError.
// The loader is thread-safe (it only reads files).
storage::DataKeyLoader DataKeyFileLoader(const std::filesystem::path& dir);

struct KeyRotation {
  std::string key_id;  // the new current key
  storage::RotationResult result;
  std::vector<std::string> removed;  // ids of the retired keys whose files were removed
};

// Creates a new data key file (written with mode 0600 before any byte of the
// key reaches it, synced), then in one transaction makes it current,
// re-encrypts every sealed value with it and seals the sensitive values an
// older vka stored in clear; then removes the files of the retired keys that
// no longer seal anything. On failure the new file is removed again and the
// workspace is unchanged. Errors as storage::Store::RotateDataKey, and
// kIOError for the key files. Files of keys the database does not know are
// never removed (another process may be rotating).
base::Result<KeyRotation> RotateDataKey(Workspace& ws);

// One data key as `vka keys list` shows it.
struct DataKeyStatus {
  storage::DataKeyInfo info;
  bool file_present = false;
};

struct DataKeyReport {
  std::vector<DataKeyStatus> keys;         // oldest first
  std::vector<std::string> unknown_files;  // data-*.key files the database does not know
};

// The workspace's data keys and their files.
base::Result<DataKeyReport> ListDataKeys(Workspace& ws);

}  // namespace vka::app
