#pragma once

// The workspace's log signing key on disk (docs/formats/log.md, "Signing key
// file"). Plain: Go's note signer key on one line,
//   PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ 32-byte seed)>\n
// Encrypted with a passphrase (Argon2id via crypto_pwhash, then
// XSalsa20-Poly1305 via crypto_secretbox):
//   VKA+ENCRYPTED+KEY+<name>+<hex id>+<base64(0x01 ‖ opslimit u64 BE ‖
//       memlimit u64 BE ‖ salt[16] ‖ nonce[24] ‖ secretbox(seed)[48])>\n
// The caller writes the file with mode 0600.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "evidence/note.h"

namespace vka::evidence {

struct PassphraseCost {
  uint64_t opslimit;
  uint64_t memlimit;  // bytes
};
// crypto_pwhash_OPSLIMIT_MODERATE / MEMLIMIT_MODERATE (about 0.7 s, 256 MiB).
PassphraseCost DefaultPassphraseCost();
// The minimum libsodium allows; for tests only.
PassphraseCost MinimumPassphraseCost();

// The plain key file contents. Secret.
std::string EncodeKeyFile(const NoteSigner& signer);
// The encrypted key file contents. kInvalidArgument for an empty passphrase;
// kInternal if Argon2id cannot allocate its memory.
base::Result<std::string> EncodeEncryptedKeyFile(const NoteSigner& signer,
                                                 std::string_view passphrase,
                                                 PassphraseCost cost = DefaultPassphraseCost());
// True if the contents are an encrypted key file (a passphrase is needed).
bool IsEncryptedKeyFile(std::string_view contents);
// Reads either form (the passphrase is ignored for a plain file).
// kPermissionDenied for a wrong or missing passphrase; kDataLoss if the
// contents are malformed or the key does not match its name and id.
base::Result<NoteSigner> DecodeKeyFile(std::string_view contents, std::string_view passphrase);

}  // namespace vka::evidence
