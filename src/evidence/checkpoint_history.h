#pragma once

// The checkpoints a log published, kept as log/checkpoints/<size>
// (docs/formats/log.md §3), and the check that each of them still describes
// the log: signed by the log's key, for the log's origin, and with the root
// of the tree at its size. Pure functions: the caller reads the files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "evidence/checkpoint.h"
#include "evidence/merkle.h"
#include "evidence/note.h"

namespace vka::evidence {

// The folder of the history, relative to the log folder.
inline constexpr std::string_view kCheckpointHistoryDir = "checkpoints";

// The size a history file name stands for: decimal ASCII without leading
// zeros ("0", "12"); nullopt for anything else (temporary files start '.').
std::optional<uint64_t> ParseHistoryName(std::string_view name);

// One stored checkpoint as read from disk.
struct StoredCheckpoint {
  std::string where;  // its path for messages, "log/checkpoints/12"
  uint64_t size = 0;  // from its file name
  std::string note;   // the signed note, as stored
};

// Opens `stored` with `log_key`: its signature, its origin (log_key.name)
// and that it is for the size its file name says. kDataLoss naming
// `stored.where`: "...: bad signature", "...: not signed by the log's key
// <name>", "...: malformed (...)", "...: holds a checkpoint of size 13".
base::Result<Checkpoint> OpenStoredCheckpoint(const StoredCheckpoint& stored,
                                              const NoteVerifier& log_key);

// Checks `stored` (as OpenStoredCheckpoint) against the log: `tree` serves
// the tree of the latest checkpoint `latest` (its tiles already checked
// against latest.root, e.g. by VerifyTiles). The stored root must be MTH of
// the first `size` leaves, and a consistency proof from `tree` must lead
// from it to latest.root. kDataLoss:
//   "checkpoint of size 12 (log/checkpoints/12) is not consistent with the
//    log: root <stored hex> vs <log's hex> (a different history)",
//   "checkpoint of size 12 (log/checkpoints/12) is beyond the log's 9 leaves
//    (log truncated)";
// the reader's errors otherwise.
base::Status CheckStoredCheckpoint(const StoredCheckpoint& stored, const NoteVerifier& log_key,
                                   const Checkpoint& latest, const HashReader& tree);

// Checks every stored checkpoint (CheckStoredCheckpoint, smallest size
// first, so the first damage reported is the oldest) and that the newest is
// `latest` itself. REQUIRES: history sorted by size. Returns the number
// checked; kDataLoss for the first difference, including
//   "log/checkpoint (size 12) is not the newest stored checkpoint
//    (log/checkpoints/9)" and "log/checkpoints/ is empty".
base::Result<size_t> CheckCheckpointHistory(const std::vector<StoredCheckpoint>& history,
                                            const NoteVerifier& log_key, const Checkpoint& latest,
                                            const HashReader& tree);

}  // namespace vka::evidence
