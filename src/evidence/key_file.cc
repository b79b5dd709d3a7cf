#include "evidence/key_file.h"

#include <sodium.h>

#include <cstdlib>
#include <cstring>

#include "evidence/internal/base64.h"
#include "evidence/log_format.h"

namespace vka::evidence {
namespace {

using base::Result;

constexpr size_t kSeedSize = format::kEd25519SeedSize;
constexpr size_t kBoxSize = kSeedSize + format::kKeyMacSize;
constexpr size_t kBlobSize = 1 + 8 + 8 + format::kKeySaltSize + format::kKeyNonceSize + kBoxSize;
constexpr uint64_t kMaxMemlimit = uint64_t{1} << 30;  // refuse files asking for more
constexpr uint64_t kMaxOpslimit = 64;

void PutU64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>(v >> shift));
}
uint64_t GetU64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}
const uint8_t* U8(const char* p) { return reinterpret_cast<const uint8_t*>(p); }

// Derives the secretbox key; false if Argon2id could not allocate.
bool DeriveKey(std::string_view passphrase, const uint8_t* salt, PassphraseCost cost,
               uint8_t key[crypto_secretbox_KEYBYTES]) {
  return crypto_pwhash(key, crypto_secretbox_KEYBYTES, passphrase.data(), passphrase.size(),
                       salt, cost.opslimit, cost.memlimit, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

// "<prefix><name>+<hex id>+<base64>" → name, base64 part (the id is checked
// by recomputing it from the decoded key).
struct Parts {
  std::string name;
  std::string id_hex;
  std::string_view blob;
};
Result<Parts> Split(std::string_view line, std::string_view prefix) {
  line.remove_prefix(prefix.size());
  // Names never contain '+', but base64 may: split from the left.
  const size_t first = line.find('+');
  const size_t second = first == std::string_view::npos ? first : first + 9;
  if (first == std::string_view::npos || second >= line.size() || line[second] != '+') {
    return base::DataLossError("key file is not <prefix><name>+<id>+<base64>");
  }
  return Parts{std::string(line.substr(0, first)), std::string(line.substr(first + 1, 8)),
               line.substr(second + 1)};
}

std::string_view FirstLine(std::string_view contents) {
  if (!contents.empty() && contents.back() == '\n') contents.remove_suffix(1);
  return contents;
}

Result<NoteSigner> CheckedSigner(const Parts& parts, const Ed25519Seed& seed) {
  Result<NoteSigner> signer = NoteSigner::FromSeed(parts.name, seed);
  if (!signer.ok()) return base::DataLossError("key file: " + signer.status().message());
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", signer->key_id());
  if (parts.id_hex != hex) return base::DataLossError("key file id does not match its key");
  return signer;
}

Result<NoteSigner> DecodeEncrypted(std::string_view line, std::string_view passphrase) {
  VKA_ASSIGN_OR_RETURN(Parts parts, Split(line, format::kEncryptedKeyPrefix));
  std::optional<std::string> blob = internal::Base64Decode(parts.blob);
  if (!blob || blob->size() != kBlobSize ||
      static_cast<uint8_t>((*blob)[0]) != format::kKeyEncryptionArgon2idSecretbox) {
    return base::DataLossError("encrypted key file is malformed");
  }
  const char* p = blob->data() + 1;
  const PassphraseCost cost{GetU64(p), GetU64(p + 8)};
  if (cost.opslimit > kMaxOpslimit || cost.memlimit > kMaxMemlimit) {
    return base::DataLossError("encrypted key file asks for an unreasonable Argon2id cost");
  }
  const char* salt = p + 16;
  const char* nonce = salt + format::kKeySaltSize;
  const char* box = nonce + format::kKeyNonceSize;
  if (passphrase.empty()) return base::PermissionDeniedError("the log key needs its passphrase");
  uint8_t key[crypto_secretbox_KEYBYTES];
  if (!DeriveKey(passphrase, U8(salt), cost, key)) {
    return base::InternalError("Argon2id could not allocate memory");
  }
  Ed25519Seed seed;
  const int rc = crypto_secretbox_open_easy(seed.data(), U8(box), kBoxSize, U8(nonce), key);
  sodium_memzero(key, sizeof key);
  if (rc != 0) return base::PermissionDeniedError("wrong passphrase for the log key");
  Result<NoteSigner> signer = CheckedSigner(parts, seed);
  sodium_memzero(seed.data(), seed.size());
  return signer;
}

}  // namespace

PassphraseCost DefaultPassphraseCost() {
  return {crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE};
}

PassphraseCost MinimumPassphraseCost() {
  return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN};
}

std::string EncodeKeyFile(const NoteSigner& signer) { return signer.GoSignerKey() + "\n"; }

Result<std::string> EncodeEncryptedKeyFile(const NoteSigner& signer, std::string_view passphrase,
                                           PassphraseCost cost) {
  if (passphrase.empty()) return base::InvalidArgumentError("empty passphrase");
  if (sodium_init() < 0) std::abort();
  std::string blob(1, static_cast<char>(format::kKeyEncryptionArgon2idSecretbox));
  PutU64(blob, cost.opslimit);
  PutU64(blob, cost.memlimit);
  uint8_t salt[format::kKeySaltSize];
  uint8_t nonce[format::kKeyNonceSize];
  randombytes_buf(salt, sizeof salt);
  randombytes_buf(nonce, sizeof nonce);
  uint8_t key[crypto_secretbox_KEYBYTES];
  if (!DeriveKey(passphrase, salt, cost, key)) {
    return base::InternalError("Argon2id could not allocate memory");
  }
  Ed25519Seed seed = signer.seed();
  uint8_t box[kBoxSize];
  crypto_secretbox_easy(box, seed.data(), seed.size(), nonce, key);
  sodium_memzero(key, sizeof key);
  sodium_memzero(seed.data(), seed.size());
  blob.append(reinterpret_cast<const char*>(salt), sizeof salt);
  blob.append(reinterpret_cast<const char*>(nonce), sizeof nonce);
  blob.append(reinterpret_cast<const char*>(box), sizeof box);
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", signer.key_id());
  return std::string(format::kEncryptedKeyPrefix) + signer.name() + "+" + hex + "+" +
         internal::Base64Encode(blob) + "\n";
}

bool IsEncryptedKeyFile(std::string_view contents) {
  return contents.substr(0, format::kEncryptedKeyPrefix.size()) == format::kEncryptedKeyPrefix;
}

Result<NoteSigner> DecodeKeyFile(std::string_view contents, std::string_view passphrase) {
  const std::string_view line = FirstLine(contents);
  if (IsEncryptedKeyFile(line)) return DecodeEncrypted(line, passphrase);
  Result<NoteSigner> signer = NoteSigner::FromGoSignerKey(line);
  if (!signer.ok()) return base::DataLossError("key file: " + signer.status().message());
  return signer;
}

}  // namespace vka::evidence
