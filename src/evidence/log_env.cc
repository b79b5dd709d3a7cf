#include "evidence/log_env.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

namespace vka::evidence {
namespace {

using base::Result;
using base::Status;

Status ErrnoError(const std::string& what, const std::string& path) {
  return base::IOError(what + " '" + path + "': " + std::strerror(errno));
}

std::string Parent(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// RAII file descriptor.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

class PosixLogEnv : public LogEnv {
 public:
  Result<std::string> ReadFile(const std::string& path) const override;
  Status WriteFiles(const std::vector<FileWrite>& files) override;
  Status Remove(const std::string& path) override;
  Result<std::vector<std::string>> ListDir(const std::string& path) const override;

 private:
  // mkdir -p.
  Status MakeDirs(const std::string& dir);
};

Status WriteAll(int fd, const std::string& contents, const std::string& path) {
  size_t done = 0;
  while (done < contents.size()) {
    const ssize_t n = ::write(fd, contents.data() + done, contents.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("write", path);
    done += static_cast<size_t>(n);
  }
  return base::OkStatus();
}

// Writes `contents` to `path`, created with `flags` (O_TRUNC or O_EXCL).
// Returns false, writing nothing, if O_EXCL found the file existing.
Result<bool> WriteFileAt(const std::string& path, const std::string& contents, int flags) {
  Fd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | flags, 0644));
  if (fd.get() < 0 && errno == EEXIST && (flags & O_EXCL) != 0) return false;
  if (fd.get() < 0) return ErrnoError("create", path);
  VKA_RETURN_IF_ERROR(WriteAll(fd.get(), contents, path));
  return true;
}

Result<std::string> PosixLogEnv::ReadFile(const std::string& path) const {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return base::NotFoundError("no file '" + path + "'");
    return ErrnoError("open", path);
  }
  std::string out;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return ErrnoError("read", path);
    if (n == 0) return out;
    out.append(buf, static_cast<size_t>(n));
  }
}

Status PosixLogEnv::MakeDirs(const std::string& dir) {
  struct stat st;
  if (::stat(dir.c_str(), &st) == 0) return base::OkStatus();
  const std::string parent = Parent(dir);
  if (parent != dir) VKA_RETURN_IF_ERROR(MakeDirs(parent));
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) return ErrnoError("mkdir", dir);
  return base::OkStatus();
}

// Creating files is most of the cost of a bulk append (two per 256 leaves;
// 50 µs to over 300 µs each on the benchmark machine's ext4), so new
// in_place_if_new files are created once, where they belong, instead of as a
// temp file plus a rename. Durability: one syncfs(2) makes every written
// file, directory and directory entry durable (one fdatasync per file would
// cost a journal commit each: 31,000 leaves/s measured instead of > 500,000);
// the renames that follow are made durable by one more. Linux-specific.
Status PosixLogEnv::WriteFiles(const std::vector<FileWrite>& files) {
  if (files.empty()) return base::OkStatus();
  std::set<std::string> dirs;  // known to exist
  std::vector<const FileWrite*> renames;
  for (const FileWrite& file : files) {
    const std::string dir = Parent(file.path);
    if (dirs.insert(dir).second) VKA_RETURN_IF_ERROR(MakeDirs(dir));
    if (file.in_place_if_new) {
      VKA_ASSIGN_OR_RETURN(bool created, WriteFileAt(file.path, file.contents, O_EXCL));
      if (created) continue;
    }
    VKA_RETURN_IF_ERROR(WriteFileAt(file.path + ".tmp", file.contents, O_TRUNC).status());
    renames.push_back(&file);
  }
  const std::string& any_dir = *dirs.begin();
  auto sync = [&any_dir]() -> Status {
    Fd fd(::open(any_dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (fd.get() < 0 || ::syncfs(fd.get()) != 0) return ErrnoError("syncfs", any_dir);
    return base::OkStatus();
  };
  VKA_RETURN_IF_ERROR(sync());
  if (renames.empty()) return base::OkStatus();
  for (const FileWrite* file : renames) {
    const std::string tmp = file->path + ".tmp";
    if (::rename(tmp.c_str(), file->path.c_str()) != 0) return ErrnoError("rename", tmp);
  }
  return sync();
}

Status PosixLogEnv::Remove(const std::string& path) {
  if (::remove(path.c_str()) != 0 && errno != ENOENT) return ErrnoError("remove", path);
  return base::OkStatus();
}

Result<std::vector<std::string>> PosixLogEnv::ListDir(const std::string& path) const {
  std::vector<std::string> names;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    if (errno == ENOENT) return names;
    return ErrnoError("open directory", path);
  }
  while (const dirent* entry = ::readdir(dir)) {
    const std::string name = entry->d_name;
    if (name != "." && name != "..") names.push_back(name);
  }
  ::closedir(dir);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

std::unique_ptr<LogEnv> NewPosixLogEnv() { return std::make_unique<PosixLogEnv>(); }

Result<std::string> MemLogEnv::ReadFile(const std::string& path) const {
  auto it = files_.find(path);
  if (it == files_.end()) return base::NotFoundError("no file '" + path + "'");
  return it->second;
}

Status MemLogEnv::WriteFiles(const std::vector<FileWrite>& files) {
  ++write_batches_;
  for (const FileWrite& file : files) files_[file.path] = file.contents;
  return base::OkStatus();
}

Status MemLogEnv::Remove(const std::string& path) {
  files_.erase(path);
  return base::OkStatus();
}

Result<std::vector<std::string>> MemLogEnv::ListDir(const std::string& path) const {
  const std::string prefix = path + "/";
  std::set<std::string> names;
  for (auto it = files_.lower_bound(prefix);
       it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it) {
    const std::string rest = it->first.substr(prefix.size());
    names.insert(rest.substr(0, rest.find('/')));
  }
  return std::vector<std::string>(names.begin(), names.end());
}

std::string* MemLogEnv::MutableFile(const std::string& path) {
  auto it = files_.find(path);
  return it == files_.end() ? nullptr : &it->second;
}

std::vector<std::string> MemLogEnv::Paths() const {
  std::vector<std::string> out;
  for (const auto& [path, contents] : files_) out.push_back(path);
  return out;
}

}  // namespace vka::evidence
