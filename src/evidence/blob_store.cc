#include "evidence/blob_store.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#include "base/sha256.h"

namespace vka::evidence {
namespace {

namespace fs = std::filesystem;

constexpr size_t kChunkBytes = 1 << 20;  // 1 MiB: constant memory for any size
constexpr mode_t kBlobMode = 0444;
constexpr mode_t kDirMode = 0755;

// Closes a POSIX file descriptor when it goes out of scope.
class Fd {
 public:
  explicit Fd(int fd = -1) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(Fd&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  Fd& operator=(Fd&&) = delete;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  void Reset(int fd) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = fd;
  }
  // Closes now, reporting the error close() can return after a write.
  bool Close() {
    int fd = fd_;
    fd_ = -1;
    return fd < 0 || ::close(fd) == 0;
  }

 private:
  int fd_;
};

base::Status Errno(const std::string& what, const std::string& path) {
  return base::IOError(what + " '" + path + "': " + std::strerror(errno));
}

base::Status WriteAll(int fd, const char* data, size_t size, const std::string& path) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("write", path);
    data += n;
    size -= static_cast<size_t>(n);
  }
  return base::OkStatus();
}

// Reads fd to its end in 1 MiB chunks, hashing each and passing it to sink.
// Returns the hex digest and the number of bytes read.
base::Result<std::pair<base::Digest, uint64_t>> HashStream(
    int fd, const std::string& path, const std::function<base::Status(const char*, size_t)>& sink) {
  std::vector<char> buffer(kChunkBytes);
  base::Sha256 hasher;
  uint64_t total = 0;
  while (true) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("read", path);
    if (n == 0) break;
    hasher.Update(buffer.data(), static_cast<size_t>(n));
    if (sink) VKA_RETURN_IF_ERROR(sink(buffer.data(), static_cast<size_t>(n)));
    total += static_cast<uint64_t>(n);
  }
  return std::make_pair(hasher.Finish(), total);
}

base::Status SyncPath(const fs::path& path, int flags) {
  Fd fd(::open(path.c_str(), flags | O_CLOEXEC));
  if (fd.get() < 0) return Errno("open", path.string());
  if (::fsync(fd.get()) != 0) return Errno("fsync", path.string());
  return base::OkStatus();
}

base::Status SyncDir(const fs::path& dir) { return SyncPath(dir, O_RDONLY | O_DIRECTORY); }

// Creates dir if missing, and makes its creation durable (fsync of parent).
base::Status EnsureDir(const fs::path& dir) {
  if (::mkdir(dir.c_str(), kDirMode) == 0) return SyncDir(dir.parent_path());
  if (errno == EEXIST) return base::OkStatus();
  return Errno("create directory", dir.string());
}

base::Result<Fd> OpenSource(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0 && errno == ENOENT) return base::NotFoundError("no such file '" + path + "'");
  if (fd.get() < 0) return Errno("open", path);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return Errno("stat", path);
  if (!S_ISREG(st.st_mode)) return base::InvalidArgumentError("'" + path + "' is not a regular file");
  return fd;
}

}  // namespace

bool IsSha256Hex(const std::string& text) {
  return text.size() == 64 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

fs::path BlobStore::PathOf(const std::string& sha256) const {
  return root_ / "sha256" / sha256.substr(0, 2) / sha256.substr(2, 2) / sha256;
}

namespace {

// A temp file under blobs/tmp, removed on destruction unless released.
struct TempFile {
  std::string path;
  Fd fd;
  bool keep = false;
  ~TempFile() {
    if (!keep && !path.empty()) ::unlink(path.c_str());
  }
};

base::Status MakeTemp(const fs::path& root, TempFile& temp) {
  VKA_RETURN_IF_ERROR(EnsureDir(root));
  VKA_RETURN_IF_ERROR(EnsureDir(root / "tmp"));
  // The writer's pid is in the name, so that a later Put can tell the temp
  // files of killed processes (RemoveStaleTemps) from those still being written.
  std::string pattern = (root / "tmp" / ("put-" + std::to_string(::getpid()) + "-XXXXXX")).string();
  int fd = ::mkstemp(pattern.data());
  if (fd < 0) return Errno("create temp file", pattern);
  temp.path = pattern;
  temp.fd.Reset(fd);
  return base::OkStatus();
}

// A stored blob of the same hash: compare sizes (re-hashing a 20 GB file on
// every duplicate add would be too slow; `vka verify` re-hashes).
base::Result<bool> AlreadyStored(const fs::path& path, uint64_t size, const std::string& sha) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return false;
    return Errno("stat", path.string());
  }
  if (static_cast<uint64_t>(st.st_size) != size) {
    return base::DataLossError("evidence file " + sha + ": file changed (stored size " +
                               std::to_string(st.st_size) + ", content size " +
                               std::to_string(size) + ")");
  }
  return true;
}

// Makes the temp file durable and read-only, then renames it into place.
// chmod comes before the rename so the blob is never visible writable.
base::Status Publish(TempFile& temp, const fs::path& final_path) {
  if (::fsync(temp.fd.get()) != 0) return Errno("fsync", temp.path);
  if (::fchmod(temp.fd.get(), kBlobMode) != 0) return Errno("chmod", temp.path);
  if (!temp.fd.Close()) return Errno("close", temp.path);
  const fs::path cd = final_path.parent_path();
  VKA_RETURN_IF_ERROR(EnsureDir(cd.parent_path().parent_path()));  // sha256/
  VKA_RETURN_IF_ERROR(EnsureDir(cd.parent_path()));
  VKA_RETURN_IF_ERROR(EnsureDir(cd));
  if (::rename(temp.path.c_str(), final_path.c_str()) != 0) {
    return Errno("rename into", final_path.string());
  }
  temp.keep = true;
  return SyncDir(cd);
}

}  // namespace

int BlobStore::RemoveStaleTemps() const {
  std::error_code ec;
  int removed = 0;
  for (const auto& entry : fs::directory_iterator(root_ / "tmp", ec)) {
    const std::string name = entry.path().filename().string();
    // "put-<pid>-XXXXXX"; names without a pid (older versions) are left alone.
    if (!name.starts_with("put-")) continue;
    const size_t dash = name.find('-', 4);
    if (dash == std::string::npos) continue;
    const std::string digits = name.substr(4, dash - 4);
    if (digits.empty() || digits.size() > 9 ||
        !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      continue;
    }
    const pid_t pid = static_cast<pid_t>(std::stol(digits));
    if (pid == ::getpid() || ::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive, or unknown
    if (fs::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

base::Result<StoredBlob> BlobStore::Put(const std::string& source_path) {
  RemoveStaleTemps();
  VKA_ASSIGN_OR_RETURN(Fd source, OpenSource(source_path));
  TempFile temp;
  VKA_RETURN_IF_ERROR(MakeTemp(root_, temp));
  auto copy = [&](const char* data, size_t size) {
    return WriteAll(temp.fd.get(), data, size, temp.path);
  };
  VKA_ASSIGN_OR_RETURN(auto hashed, HashStream(source.get(), source_path, copy));
  StoredBlob out{hashed.first, base::HexLower(hashed.first), hashed.second, false};
  const fs::path final_path = PathOf(out.sha256);
  VKA_ASSIGN_OR_RETURN(out.already_present, AlreadyStored(final_path, out.size, out.sha256));
  if (out.already_present) return out;  // temp is removed
  VKA_RETURN_IF_ERROR(Publish(temp, final_path));
  return out;
}

namespace {

base::Result<Fd> OpenBlob(const fs::path& path, const std::string& sha) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() >= 0) return fd;
  if (errno == ENOENT) {
    return base::DataLossError("evidence file " + sha + ": file missing (" + path.string() + ")");
  }
  return Errno("open", path.string());
}

base::Status CheckHash(const std::string& actual, const std::string& sha, const fs::path& path) {
  if (actual == sha) return base::OkStatus();
  return base::DataLossError("evidence file " + sha + ": file changed (" + path.string() +
                             " now has SHA-256 " + actual + ")");
}

base::Status CheckHashArg(const std::string& sha) {
  if (IsSha256Hex(sha)) return base::OkStatus();
  return base::InvalidArgumentError("'" + sha + "' is not a SHA-256 (64 lower-case hex digits)");
}

}  // namespace

base::Status BlobStore::Verify(const std::string& sha256) const {
  VKA_RETURN_IF_ERROR(CheckHashArg(sha256));
  const fs::path path = PathOf(sha256);
  VKA_ASSIGN_OR_RETURN(Fd fd, OpenBlob(path, sha256));
  VKA_ASSIGN_OR_RETURN(auto hashed, HashStream(fd.get(), path.string(), nullptr));
  return CheckHash(base::HexLower(hashed.first), sha256, path);
}

base::Status BlobStore::CopyTo(const std::string& sha256, const std::string& dest) const {
  VKA_RETURN_IF_ERROR(CheckHashArg(sha256));
  const fs::path path = PathOf(sha256);
  VKA_ASSIGN_OR_RETURN(Fd blob, OpenBlob(path, sha256));
  Fd out(::open(dest.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (out.get() < 0) return Errno("create", dest);
  auto copy = [&](const char* data, size_t size) { return WriteAll(out.get(), data, size, dest); };
  auto hashed = HashStream(blob.get(), path.string(), copy);
  base::Status status =
      hashed.ok() ? CheckHash(base::HexLower(hashed->first), sha256, path) : hashed.status();
  if (status.ok() && ::fsync(out.get()) != 0) status = Errno("fsync", dest);
  if (status.ok() && !out.Close()) status = Errno("close", dest);
  if (!status.ok()) ::unlink(dest.c_str());
  return status;
}

}  // namespace vka::evidence
