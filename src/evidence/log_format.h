#pragma once

// Constants of the evidence log's byte formats. The specification is
// docs/formats/log.md; every number here is defined there. The formats are
// RFC 6962 / RFC 9162 hashing, C2SP tlog-tiles (v0.1.0), C2SP tlog-checkpoint
// (v1.0.0) and C2SP signed-note (v1.0.0).

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace vka::evidence::format {

// RFC 6962 §2.1 domain-separation prefixes.
inline constexpr uint8_t kLeafHashPrefix = 0x00;
inline constexpr uint8_t kNodeHashPrefix = 0x01;
inline constexpr size_t kHashSize = 32;  // SHA-256

// C2SP tlog-tiles.
inline constexpr int kTileHeight = 8;
inline constexpr uint64_t kTileWidth = 256;  // hashes in a full tile, 1 << kTileHeight
inline constexpr int kMaxTileLevel = 63;
inline constexpr size_t kEntryLengthPrefixSize = 2;  // big-endian uint16
inline constexpr size_t kMaxEntrySize = 65535;
inline constexpr std::string_view kTileDir = "tile";
inline constexpr std::string_view kEntriesDir = "entries";
inline constexpr std::string_view kPartialSuffix = ".p";
inline constexpr std::string_view kCheckpointFile = "checkpoint";

// Leaf entry types (the first byte of every entry this system writes).
enum class LeafType : uint8_t {
  kRevision = 0x01,      // 0x01 ‖ SHA-256(salt ‖ canonical body)
  kEvidenceFile = 0x02,  // 0x02 ‖ SHA-256(file bytes)
  kCustodyEvent = 0x03,  // 0x03 ‖ SHA-256(salt ‖ canonical custody body)
  kAuditEntry = 0x04,    // 0x04 ‖ SHA-256(salt ‖ canonical audit entry)
};
inline constexpr size_t kLeafEntrySize = 1 + kHashSize;

// C2SP signed-note.
inline constexpr std::string_view kSignaturePrefix = "\xE2\x80\x94 ";  // U+2014 + space
inline constexpr uint8_t kSigTypeEd25519 = 0x01;
inline constexpr size_t kKeyIdSize = 4;
inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SeedSize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;
inline constexpr size_t kMaxNoteSignatures = 100;  // x/mod's limit; C2SP asks >= 16
inline constexpr size_t kMaxNoteSize = 1 << 20;

// C2SP tlog-cosignature (v1.0.0), Ed25519 "cosignature/v1" (docs/formats/log.md §9).
inline constexpr uint8_t kSigTypeCosignatureV1 = 0x04;  // in the cosigner's key id
inline constexpr std::string_view kCosignatureHeader = "cosignature/v1\n";
inline constexpr size_t kCosignatureTimestampSize = 8;  // big-endian uint64
inline constexpr uint64_t kMaxCosignatureTimestamp = (uint64_t{1} << 63) - 1;

// Private key files (docs/formats/log.md, "Signing key file").
inline constexpr std::string_view kPlainKeyPrefix = "PRIVATE+KEY+";  // Go note skey
inline constexpr std::string_view kEncryptedKeyPrefix = "VKA+ENCRYPTED+KEY+";
inline constexpr uint8_t kKeyEncryptionArgon2idSecretbox = 0x01;
inline constexpr size_t kKeySaltSize = 16;   // crypto_pwhash_SALTBYTES
inline constexpr size_t kKeyNonceSize = 24;  // crypto_secretbox_NONCEBYTES
inline constexpr size_t kKeyMacSize = 16;    // crypto_secretbox_MACBYTES

}  // namespace vka::evidence::format
