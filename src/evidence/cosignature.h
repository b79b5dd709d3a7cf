#pragma once

// C2SP tlog-cosignature (tlog-cosignature/v1.0.0), Ed25519 "cosignature/v1":
// a witness's statement that, at a given time, the checkpoint is the largest
// tree it has seen of the log and that it is consistent with what it saw
// before. docs/formats/log.md §9 gives the bytes:
//   signed message = "cosignature/v1\n" ‖ "time <decimal seconds>\n" ‖ checkpoint text
//   signature line = "— <witness name> base64(key id ‖ uint64 BE time ‖ Ed25519 sig)\n"
//   key id         = SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4]
// The witness key is an ordinary note key (NoteSigner / NoteVerifier); only
// the key id's type byte differs from a note signature.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "evidence/note.h"

namespace vka::evidence {

// The key id of `witness`'s cosignatures (type 0x04).
uint32_t CosignatureKeyId(const NoteVerifier& witness);

// The bytes a cosignature signs: header line, time line, checkpoint text.
std::string CosignedMessage(std::string_view checkpoint_text, uint64_t timestamp);

// The cosignature line of `witness` over `checkpoint_text` (a note text
// ending in "\n", without signatures) at `timestamp` (POSIX seconds).
// kInvalidArgument if the text is not a valid note text or the timestamp
// exceeds 2^63 - 1.
base::Result<std::string> CosignatureLine(const NoteSigner& witness,
                                          std::string_view checkpoint_text, uint64_t timestamp);

struct VerifiedCosignature {
  std::string name;        // the witness's key name
  uint32_t key_id = 0;     // its cosignature key id
  uint64_t timestamp = 0;  // POSIX seconds, as signed
  std::string line;        // the signature line, with its final "\n"
};

struct CosignatureCheck {
  std::string text;                               // the note text, with its final "\n"
  std::vector<VerifiedCosignature> cosignatures;  // in note order
  std::vector<NoteSignature> others;              // lines that match no witness
};

// Parses a signed note (ParseNote) and verifies each signature line whose
// (name, key id) is one of `witnesses` with its type-0x04 key id. Lines of
// other keys (the log's own signature, unknown witnesses) are returned in
// `others`, unverified. Errors: kInvalidArgument for a malformed note;
// kDataLoss naming the witness when a known witness's line does not verify
// (tampered text, time or signature; wrong length; time above 2^63 - 1).
base::Result<CosignatureCheck> VerifyCosignatures(std::string_view note,
                                                  const std::vector<NoteVerifier>& witnesses);

}  // namespace vka::evidence
