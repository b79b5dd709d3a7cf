#include "testing/scoped_temp_dir.h"

#include <stdlib.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>
#include <vector>

namespace vka::testing {

base::Result<ScopedTempDir> ScopedTempDir::Create() {
  std::error_code ec;
  std::filesystem::path base = std::filesystem::temp_directory_path(ec);
  if (ec) return base::IOError("find temp directory: " + ec.message());
  std::string pattern = (base / "vka_test_XXXXXX").string();
  std::vector<char> buffer(pattern.begin(), pattern.end());
  buffer.push_back('\0');
  if (mkdtemp(buffer.data()) == nullptr) {
    return base::IOError("create temp directory '" + pattern +
                         "': " + std::strerror(errno));
  }
  return ScopedTempDir(std::string(buffer.data()));
}

ScopedTempDir::ScopedTempDir(ScopedTempDir&& other) noexcept
    : path_(std::exchange(other.path_, std::string())) {}

ScopedTempDir& ScopedTempDir::operator=(ScopedTempDir&& other) noexcept {
  if (this != &other) {
    Remove();
    path_ = std::exchange(other.path_, std::string());
  }
  return *this;
}

ScopedTempDir::~ScopedTempDir() { Remove(); }

void ScopedTempDir::Remove() {
  if (path_.empty()) return;
  std::error_code ec;  // the non-throwing overload: a destructor must not throw
  std::filesystem::remove_all(path_, ec);
  path_.clear();
}

}  // namespace vka::testing
