#include "app/keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <system_error>

#include "app/files.h"
#include "base/clock.h"

namespace vka::app {
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kKeyPrefix = "data-";
constexpr std::string_view kKeySuffix = ".key";
constexpr size_t kMaxKeyFileBytes = 4096;
constexpr mode_t kKeyFileMode = 0600;
constexpr mode_t kKeysDirMode = 0700;

fs::path KeysDir(const fs::path& dir) { return dir / "keys"; }

std::string ErrnoText() { return errno == ENOSPC ? "disk full" : std::strerror(errno); }

// Writes a secret file that never exists with a mode wider than 0600: a
// temporary file created 0600 with O_EXCL, written, synced, renamed into
// place, folder synced. On failure nothing is left behind.
base::Status WriteSecretFile(const fs::path& path, std::string_view contents) {
  const fs::path temp = path.parent_path() / ("." + path.filename().string() + ".tmp");
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kKeyFileMode);
  if (fd < 0) return base::IOError("create " + temp.string() + ": " + ErrnoText());
  std::string error;
  for (size_t done = 0; done < contents.size() && error.empty();) {
    ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno != EINTR) error = "write " + temp.string() + ": " + ErrnoText();
    if (n > 0) done += static_cast<size_t>(n);
  }
  if (error.empty() && ::fsync(fd) != 0) error = "fsync " + temp.string() + ": " + ErrnoText();
  ::close(fd);
  if (error.empty() && ::rename(temp.c_str(), path.c_str()) != 0) {
    error = "rename " + temp.string() + ": " + ErrnoText();
  }
  if (!error.empty()) {
    ::unlink(temp.c_str());
    return base::IOError(error);
  }
  return SyncDirectory(path.parent_path());
}

// The keys folder, created with mode 0700 when a workspace lacks it.
base::Status EnsureKeysDir(const fs::path& dir) {
  const fs::path keys = KeysDir(dir);
  std::error_code ec;
  if (fs::is_directory(keys, ec)) return base::OkStatus();
  fs::create_directories(keys, ec);
  if (ec) return base::IOError("create " + keys.string() + ": " + ec.message());
  if (::chmod(keys.c_str(), kKeysDirMode) != 0) {
    return base::IOError("chmod " + keys.string() + ": " + ErrnoText());
  }
  return base::OkStatus();
}

// The ids of the data-<id>.key files in the keys folder.
std::set<std::string> KeyFileIds(const fs::path& dir) {
  std::set<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(KeysDir(dir), ec)) {
    std::string name = entry.path().filename().string();
    if (name.size() <= kKeyPrefix.size() + kKeySuffix.size() || !name.starts_with(kKeyPrefix) ||
        !name.ends_with(kKeySuffix)) {
      continue;
    }
    std::string id = name.substr(kKeyPrefix.size(), name.size() - kKeyPrefix.size() -
                                                         kKeySuffix.size());
    if (storage::IsValidDataKeyId(id)) ids.insert(id);
  }
  return ids;
}

// Removes the files of retired keys that seal nothing; returns their ids.
base::Result<std::vector<std::string>> RemoveRetiredKeyFiles(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(std::vector<storage::DataKeyInfo> keys, ws.store().DataKeys());
  const std::set<std::string> files = KeyFileIds(ws.dir());
  std::vector<std::string> removed;
  for (const storage::DataKeyInfo& key : keys) {
    if (key.retired_at.empty() || key.sealed_values != 0 || !files.contains(key.id)) continue;
    const fs::path path = DataKeyPath(ws.dir(), key.id);
    if (::unlink(path.c_str()) != 0) return base::IOError("remove " + path.string() + ": " + ErrnoText());
    removed.push_back(key.id);
  }
  if (!removed.empty()) VKA_RETURN_IF_ERROR(SyncDirectory(KeysDir(ws.dir())));
  return removed;
}

// After a failed rotation: removes the new key's file unless the database
// made the key current after all (a commit reported as failed may have
// happened).
void DiscardUnusedKey(Workspace& ws, const std::string& id) {
  auto keys = ws.store().DataKeys();
  if (!keys.ok()) return;  // cannot tell: keep the file, it is harmless
  for (const auto& key : *keys) {
    if (key.id == id) return;
  }
  ::unlink(DataKeyPath(ws.dir(), id).c_str());
}

}  // namespace

fs::path DataKeyPath(const fs::path& dir, const std::string& id) {
  return KeysDir(dir) / (std::string(kKeyPrefix) + id + std::string(kKeySuffix));
}

storage::DataKeyLoader DataKeyFileLoader(const fs::path& dir) {
  return [dir](const std::string& id) -> base::Result<storage::DataKey> {
    if (!storage::IsValidDataKeyId(id)) {
      return base::DataLossError("invalid data key id \"" + id + "\" in the workspace database");
    }
    const fs::path path = DataKeyPath(dir, id);
    auto text = ReadSmallFile(path, kMaxKeyFileBytes);
    if (text.status().code() == base::StatusCode::kNotFound) {
      return base::FailedPreconditionError(
          "data key " + id + " is not available: " + path.string() +
          " does not exist. Sensitive fields sealed with it cannot be read or written; restore "
          "the file from the workspace's key backup");
    }
    if (!text.ok()) return text.status();
    auto key = storage::DecodeDataKeyFile(*text, path.string());
    std::fill(text->begin(), text->end(), '\0');
    if (!key.ok()) return key.status();
    if (key->id != id) {
      return base::DataLossError(path.string() + " holds data key " + key->id + ", not " + id);
    }
    return key;
  };
}

base::Result<KeyRotation> RotateDataKey(Workspace& ws) {
  VKA_RETURN_IF_ERROR(EnsureKeysDir(ws.dir()));
  storage::DataKey key = storage::NewDataKey();
  std::string contents = storage::EncodeDataKeyFile(key);
  base::Status written = WriteSecretFile(DataKeyPath(ws.dir(), key.id), contents);
  std::fill(contents.begin(), contents.end(), '\0');
  VKA_RETURN_IF_ERROR(written.WithContext("write the new data key"));
  auto result = ws.store().RotateDataKey(key, base::NowRfc3339());
  if (!result.ok()) {
    DiscardUnusedKey(ws, key.id);
    return result.status().WithContext("rotate the data key");
  }
  KeyRotation rotation{key.id, std::move(*result), {}};
  VKA_ASSIGN_OR_RETURN(rotation.removed, RemoveRetiredKeyFiles(ws));
  return rotation;
}

base::Result<DataKeyReport> ListDataKeys(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(std::vector<storage::DataKeyInfo> keys, ws.store().DataKeys());
  std::set<std::string> files = KeyFileIds(ws.dir());
  DataKeyReport report;
  for (storage::DataKeyInfo& info : keys) {
    bool present = files.erase(info.id) > 0;
    report.keys.push_back({std::move(info), present});
  }
  report.unknown_files.assign(files.begin(), files.end());
  return report;
}

}  // namespace vka::app
