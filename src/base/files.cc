#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>

#include "base/ulid.h"

namespace vka::base {
namespace fs = std::filesystem;

namespace {

std::string ErrnoText() { return errno == ENOSPC ? "disk full" : std::strerror(errno); }

Status FsyncPath(const fs::path& path, int flags) {
  int fd = ::open(path.c_str(), flags);
  if (fd < 0) return IOError("open " + path.string() + ": " + ErrnoText());
  int rc = ::fsync(fd);
  std::string err = rc != 0 ? ErrnoText() : "";
  ::close(fd);
  if (rc != 0) return IOError("fsync " + path.string() + ": " + err);
  return OkStatus();
}

fs::path TempPathFor(const fs::path& path) {
  return path.parent_path() / ("." + path.filename().string() + ".tmp-" + NewUlid());
}

}  // namespace

Result<std::string> ReadSmallFile(const fs::path& path, size_t max_bytes) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return NotFoundError(path.string() + ": no such file");
  auto size = fs::file_size(path, ec);
  if (ec) return IOError(path.string() + ": " + ec.message());
  if (size > max_bytes) {
    return InvalidArgumentError(path.string() + ": file of " + std::to_string(size) +
                                      " bytes is over the limit of " + std::to_string(max_bytes));
  }
  std::ifstream in(path, std::ios::binary);
  std::string text(size, '\0');
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
    return IOError("read " + path.string() + ": " + ErrnoText());
  }
  return text;
}

struct AtomicFile::Impl {
  fs::path target;
  fs::path temp;
  std::ofstream out;
  bool committed = false;
};

Result<std::unique_ptr<AtomicFile>> AtomicFile::Create(const fs::path& path) {
  auto file = std::unique_ptr<AtomicFile>(new AtomicFile());
  file->impl_ = std::make_unique<Impl>();
  file->impl_->target = path;
  file->impl_->temp = TempPathFor(path);
  file->impl_->out.open(file->impl_->temp, std::ios::binary | std::ios::trunc);
  if (!file->impl_->out) {
    return IOError("create " + path.string() + " (via " + file->impl_->temp.filename().string() +
                   "): " + ErrnoText());
  }
  return file;
}

AtomicFile::~AtomicFile() {
  if (impl_ && !impl_->committed) {
    impl_->out.close();
    std::error_code ec;
    fs::remove(impl_->temp, ec);
  }
}

std::ostream& AtomicFile::stream() { return impl_->out; }

Status AtomicFile::Commit() {
  impl_->out.flush();
  bool ok = static_cast<bool>(impl_->out);
  int saved_errno = errno;
  impl_->out.close();
  if (!ok || impl_->out.fail()) {
    errno = saved_errno;
    return IOError("write " + impl_->target.string() + ": " + ErrnoText());
  }
  VKA_RETURN_IF_ERROR(FsyncPath(impl_->temp, O_RDONLY));
  if (::rename(impl_->temp.c_str(), impl_->target.c_str()) != 0) {
    return IOError("rename to " + impl_->target.string() + ": " + ErrnoText());
  }
  impl_->committed = true;
  fs::path dir = impl_->target.parent_path().empty() ? fs::path(".") : impl_->target.parent_path();
  return FsyncPath(dir, O_RDONLY | O_DIRECTORY);
}

Status SyncDirectory(const fs::path& dir) { return FsyncPath(dir, O_RDONLY | O_DIRECTORY); }

Status WriteFileAtomically(const fs::path& path, std::string_view contents) {
  VKA_ASSIGN_OR_RETURN(auto file, AtomicFile::Create(path));
  file->stream().write(contents.data(), static_cast<std::streamsize>(contents.size()));
  return file->Commit();
}

Result<std::unique_ptr<TempFolder>> TempFolder::CreateBeside(const fs::path& target, unsigned mode) {
  std::string pattern = target.string() + ".tmp-XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return IOError("create folder " + pattern + ": " + ErrnoText());
  }
  auto folder = std::unique_ptr<TempFolder>(new TempFolder(pattern));
  if (::chmod(pattern.c_str(), static_cast<mode_t>(mode)) != 0) {
    return IOError("chmod " + pattern + ": " + ErrnoText());
  }
  return folder;
}

TempFolder::~TempFolder() {
  if (path_.empty()) return;
  std::error_code ec;
  fs::remove_all(path_, ec);
}

}  // namespace vka::base
