#include "base/sha256.h"

#include <openssl/evp.h>

#include <cstdlib>

namespace vka::base {

namespace {

// SHA-256 fetched from OpenSSL's provider once for the process: passing
// EVP_sha256() to every EVP_DigestInit_ex makes OpenSSL 3 look the
// algorithm up again under a lock, which cost a few percent of a bulk import
// (one hash per record). Never freed: it lives as long as the process.
const EVP_MD* Sha256Md() {
  static const EVP_MD* md = [] {
    const EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return fetched != nullptr ? fetched : EVP_sha256();
  }();
  return md;
}

}  // namespace

struct Sha256::Impl {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  ~Impl() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256() : impl_(std::make_unique<Impl>()) {
  if (impl_->ctx == nullptr || EVP_DigestInit_ex(impl_->ctx, Sha256Md(), nullptr) != 1) {
    std::abort();  // OpenSSL cannot allocate a digest context: out of memory
  }
}
Sha256::~Sha256() = default;

void Sha256::Update(std::string_view bytes) { Update(bytes.data(), bytes.size()); }
void Sha256::Update(const void* data, size_t size) {
  EVP_DigestUpdate(impl_->ctx, data, size);
}

Digest Sha256::Finish() {
  Digest d{};
  unsigned int len = 0;
  EVP_DigestFinal_ex(impl_->ctx, d.data(), &len);
  EVP_DigestInit_ex(impl_->ctx, Sha256Md(), nullptr);
  return d;
}

Digest Sha256Of(std::string_view bytes) {
  Sha256 h;
  h.Update(bytes);
  return h.Finish();
}

std::string HexLower(const uint8_t* data, size_t size) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHex[data[i] >> 4];
    out[2 * i + 1] = kHex[data[i] & 0xf];
  }
  return out;
}

}  // namespace vka::base
