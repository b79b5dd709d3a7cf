#include "storage/data_key.h"

#include <sodium.h>

#include <cstdlib>

namespace vka::storage {
namespace {

constexpr std::string_view kFileMagic = "vka-data-key-v1";
constexpr size_t kIdBytes = 8;  // 16 hex digits

void EnsureSodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();  // no CSPRNG: nothing safe can be done
}

bool IsLowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string ToHex(const uint8_t* data, size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, size);
  out.pop_back();
  return out;
}

}  // namespace

DataKey::~DataKey() { sodium_memzero(bytes.data(), bytes.size()); }

DataKey NewDataKey() {
  EnsureSodium();
  DataKey key;
  uint8_t id[kIdBytes];
  randombytes_buf(id, sizeof id);
  key.id = ToHex(id, sizeof id);
  randombytes_buf(key.bytes.data(), key.bytes.size());
  return key;
}

bool IsValidDataKeyId(std::string_view id) {
  return id.size() == 2 * kIdBytes && IsLowerHex(id);
}

std::string EncodeDataKeyFile(const DataKey& key) {
  std::string hex = ToHex(key.bytes.data(), key.bytes.size());
  std::string out = std::string(kFileMagic) + " " + key.id + " " + hex + "\n";
  sodium_memzero(hex.data(), hex.size());
  return out;
}

base::Result<DataKey> DecodeDataKeyFile(std::string_view contents, std::string_view origin) {
  auto malformed = [&](std::string_view why) {
    return base::DataLossError(std::string(origin) + ": not a vka data key file (" +
                               std::string(why) + ")");
  };
  if (!contents.empty() && contents.back() == '\n') contents.remove_suffix(1);
  if (contents.substr(0, kFileMagic.size() + 1) != std::string(kFileMagic) + " ") {
    return malformed("it does not start with \"vka-data-key-v1 \"");
  }
  contents.remove_prefix(kFileMagic.size() + 1);
  size_t space = contents.find(' ');
  if (space == std::string_view::npos) return malformed("no key after the id");
  DataKey key;
  key.id = std::string(contents.substr(0, space));
  if (!IsValidDataKeyId(key.id)) return malformed("the id is not 16 lower-case hex digits");
  std::string_view hex = contents.substr(space + 1);
  if (hex.size() != 2 * kDataKeyBytes || !IsLowerHex(hex)) {
    return malformed("the key is not 64 lower-case hex digits");
  }
  size_t decoded = 0;
  if (sodium_hex2bin(key.bytes.data(), key.bytes.size(), hex.data(), hex.size(), nullptr,
                     &decoded, nullptr) != 0 ||
      decoded != kDataKeyBytes) {
    return malformed("the key does not decode");
  }
  return key;
}

}  // namespace vka::storage
