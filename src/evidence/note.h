#pragma once

// C2SP signed-note (signed-note/v1.0.0) with Ed25519 signatures (type 0x01)
// through libsodium. docs/formats/log.md gives the bytes:
//   <text, ending in \n>\n
//   — <key name> <base64(4-byte key id ‖ 64-byte signature)>\n   (one or more)
// key id = first 4 bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "evidence/log_format.h"

namespace vka::evidence {

using Ed25519Seed = std::array<uint8_t, 32>;
using Ed25519PublicKey = std::array<uint8_t, 32>;

// OK if `name` can name a key or a log origin: non-empty UTF-8 without
// spaces, control characters or '+'. kInvalidArgument otherwise.
base::Status CheckKeyName(std::string_view name);

// The key id of an Ed25519 note key: the first 4 bytes (big-endian) of
// SHA-256(name ‖ 0x0A ‖ signature_type ‖ public key). Type 0x01 signs notes;
// 0x04 is the same key as a C2SP tlog-cosignature/v1 cosigner.
uint32_t NoteKeyId(std::string_view name, const Ed25519PublicKey& public_key,
                   uint8_t signature_type = format::kSigTypeEd25519);

// An Ed25519 signing key with its name. Holds the secret key in memory and
// wipes it when destroyed. Movable, not copyable. Thread-safe for const use.
class NoteSigner {
 public:
  // kInvalidArgument if the name is not a valid key name.
  static base::Result<NoteSigner> FromSeed(std::string name, const Ed25519Seed& seed);
  // A fresh key from libsodium's CSPRNG. kInvalidArgument for a bad name.
  static base::Result<NoteSigner> Generate(std::string name);
  // Go's note signer key "PRIVATE+KEY+<name>+<hex id>+<base64(0x01 ‖ seed)>".
  // kInvalidArgument if malformed or the id does not match.
  static base::Result<NoteSigner> FromGoSignerKey(std::string_view skey);

  NoteSigner(NoteSigner&& other) noexcept;
  NoteSigner& operator=(NoteSigner&& other) noexcept;
  NoteSigner(const NoteSigner&) = delete;
  NoteSigner& operator=(const NoteSigner&) = delete;
  ~NoteSigner();

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const Ed25519PublicKey& public_key() const { return public_key_; }
  Ed25519Seed seed() const;
  // The verifier key "<name>+<8 hex id>+<base64(0x01 ‖ public key)>".
  std::string VerifierKey() const;
  // The Go signer key (see FromGoSignerKey). Secret: handle like the seed.
  std::string GoSignerKey() const;
  // The 64-byte Ed25519 signature of `message` (PureEdDSA, deterministic).
  std::array<uint8_t, 64> Sign(std::string_view message) const;

 private:
  NoteSigner() = default;
  std::string name_;
  uint32_t key_id_ = 0;
  Ed25519PublicKey public_key_{};
  std::array<uint8_t, 64> secret_key_{};  // libsodium layout: seed ‖ public key
};

// A public Ed25519 note key. Copyable value.
struct NoteVerifier {
  std::string name;
  uint32_t key_id = 0;
  Ed25519PublicKey public_key{};

  // Parses a verifier key. kInvalidArgument if malformed, not Ed25519, or
  // the key id does not match the name and key.
  static base::Result<NoteVerifier> Parse(std::string_view vkey);
  std::string ToString() const;  // the vkey
  bool Verify(std::string_view message, const uint8_t* signature, size_t size) const;
};

// The signature line "— <name> <base64(id ‖ sig)>\n" of `signer` over `text`.
std::string SignatureLine(const NoteSigner& signer, std::string_view text);

// The signature line "— <name> <base64(key id ‖ signature bytes)>\n".
std::string FormatSignatureLine(std::string_view name, uint32_t key_id,
                                std::string_view signature);

// OK if `text` can be a note's text: valid UTF-8 ending in "\n", no control
// character other than "\n", no blank line at its end. kInvalidArgument.
base::Status CheckNoteText(std::string_view text);

// The signed note: text, blank line, one signature line. kInvalidArgument
// unless `text` is valid UTF-8 ending in "\n" with no control character
// other than "\n" and no blank line at its end.
base::Result<std::string> SignNote(std::string_view text, const NoteSigner& signer);

// One signature line of a note, parsed but not verified.
struct NoteSignature {
  std::string name;
  uint32_t key_id = 0;
  std::string signature;  // the bytes after the key id
  std::string line;       // the whole line, with its final "\n"
};

struct ParsedNote {
  std::string text;  // with its final "\n"
  std::vector<NoteSignature> signatures;
};

// Splits a signed note into its text and signature lines and checks the
// layout, without verifying anything. kInvalidArgument as OpenNote.
base::Result<ParsedNote> ParseNote(std::string_view note);

struct OpenedNote {
  std::string text;                     // with its final "\n"
  std::vector<std::string> signed_by;   // names of the verifiers that verified
  size_t unknown_signatures = 0;        // signatures from keys not given
};

// Opens a signed note: parses it, verifies every signature whose (name, key
// id) matches one of `verifiers`, and ignores the others. Errors:
//   kInvalidArgument  the note is malformed (layout, UTF-8, base64, > 100
//                     signatures, > 1 MiB);
//   kDataLoss         a known key's signature does not verify (tampered
//                     text or signature);
//   kNotFound         no signature from any of `verifiers`.
base::Result<OpenedNote> OpenNote(std::string_view note,
                                  const std::vector<NoteVerifier>& verifiers);

}  // namespace vka::evidence
