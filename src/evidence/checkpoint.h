#pragma once

// C2SP tlog-checkpoint (tlog-checkpoint/v1.0.0): the note text
//   <origin>\n<tree size, decimal>\n<base64 root hash>\n[<extension line>\n]...
// signed as a C2SP signed-note by the log's key, whose name is the origin.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "evidence/merkle.h"
#include "evidence/note.h"

namespace vka::evidence {

struct Checkpoint {
  std::string origin;
  uint64_t size = 0;
  Hash root{};
  std::vector<std::string> extensions;  // non-empty lines; NOT RECOMMENDED

  bool operator==(const Checkpoint&) const = default;
};

// The checkpoint's note text. kInvalidArgument if the origin is not a valid
// key name or an extension line is empty or contains a newline.
base::Result<std::string> FormatCheckpoint(const Checkpoint& checkpoint);

// Parses checkpoint note text (strict: decimal without leading zeros, base64
// of exactly 32 bytes, final newline). kInvalidArgument otherwise.
base::Result<Checkpoint> ParseCheckpoint(std::string_view text);

// FormatCheckpoint then SignNote. kInvalidArgument as FormatCheckpoint, or if
// the signer's name is not the origin.
base::Result<std::string> SignCheckpoint(const Checkpoint& checkpoint, const NoteSigner& signer);

// Verifies `note` with `log_key` (other signatures, e.g. witness cosignatures,
// are ignored) and parses it. The origin must equal log_key.name. Errors as
// OpenNote (kDataLoss bad signature, kNotFound not signed by log_key,
// kInvalidArgument malformed) and kInvalidArgument for a wrong origin.
base::Result<Checkpoint> OpenCheckpoint(std::string_view note, const NoteVerifier& log_key);

}  // namespace vka::evidence
