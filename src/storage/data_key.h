#pragma once

// Data keys: the secret keys with which the store seals (encrypts at rest)
// the values of sensitive fields (model::FieldSpec::sensitive). Format and
// design: docs/formats/encryption.md. The store never reads key files
// itself: whoever opens it passes a DataKeyLoader (app/keys.h reads them
// from WORKSPACE/keys/).

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vka::storage {

inline constexpr size_t kDataKeyBytes = 32;  // XChaCha20-Poly1305 key size

// One data key. Secret: never log `bytes`. The destructor wipes them.
struct DataKey {
  std::string id;  // 16 lower-case hex digits
  std::array<uint8_t, kDataKeyBytes> bytes{};

  DataKey() = default;
  DataKey(const DataKey&) = default;
  DataKey& operator=(const DataKey&) = default;
  ~DataKey();
};

// Returns the key with the given id. Errors are passed on to the caller of
// the store method that needed the key: kFailedPrecondition when the key is
// not available (a missing key file), kDataLoss when it is malformed.
using DataKeyLoader = std::function<base::Result<DataKey>(const std::string& id)>;

// A fresh key with a random id, from libsodium's CSPRNG.
DataKey NewDataKey();

// True for 16 lower-case hex digits.
bool IsValidDataKeyId(std::string_view id);

// The contents of a key file, one line:
//   vka-data-key-v1 <id> <64 lower-case hex digits of the key>\n
// Secret.
std::string EncodeDataKeyFile(const DataKey& key);

// Parses a key file's contents. kDataLoss naming `origin` (the file) when
// they are malformed.
base::Result<DataKey> DecodeDataKeyFile(std::string_view contents, std::string_view origin);

// What the store knows of a data key (Store::DataKeys).
struct DataKeyInfo {
  std::string id;
  std::string created_at;  // RFC 3339 UTC
  std::string retired_at;  // "" for the current key
  int64_t sealed_values = 0;  // values sealed with it now
};

// What Store::RotateDataKey did.
struct RotationResult {
  int64_t resealed = 0;          // values re-encrypted from older keys
  int64_t sealed_plaintext = 0;  // values found in clear (stored by an older vka) and sealed
  std::vector<std::string> retired;  // ids of the keys no longer used
  bool wal_truncated = false;  // the write-ahead log was emptied after the commit
};

}  // namespace vka::storage
