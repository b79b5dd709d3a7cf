#pragma once

// SHA-256 through OpenSSL (which uses the CPU's SHA instructions).

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace vka::base {

using Digest = std::array<uint8_t, 32>;

// Streaming hasher. Not thread-safe; one per thread.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  void Update(const void* data, size_t size);
  // Returns the digest; the hasher is reset for reuse.
  Digest Finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

Digest Sha256Of(std::string_view bytes);
std::string HexLower(const uint8_t* data, size_t size);
inline std::string HexLower(const Digest& d) { return HexLower(d.data(), d.size()); }

}  // namespace vka::base
