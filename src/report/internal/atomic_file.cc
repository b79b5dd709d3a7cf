#include "report/internal/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace vka::report::internal {
namespace {

base::Status Errno(const std::string& what, const std::string& path) {
  return base::IOError(what + " " + path + ": " + std::strerror(errno));
}

base::Status WriteAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Errno("write", path);
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  if (::fsync(fd) != 0) return Errno("fsync", path);
  return base::OkStatus();
}

base::Status SyncFolder(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string folder = slash == std::string::npos ? "." : path.substr(0, slash + 1);
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("open folder", folder);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) return Errno("fsync folder", folder);
  return base::OkStatus();
}

}  // namespace

base::Status WriteFileAtomically(const std::string& path, std::string_view bytes) {
  const std::string temp = path + ".tmp";
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Errno("create", temp);
  base::Status status = WriteAll(fd, bytes, temp);
  if (::close(fd) != 0 && status.ok()) status = Errno("close", temp);
  if (status.ok() && ::rename(temp.c_str(), path.c_str()) != 0) status = Errno("rename to", path);
  if (!status.ok()) {
    ::unlink(temp.c_str());
    return status;
  }
  return SyncFolder(path);
}

}  // namespace vka::report::internal
