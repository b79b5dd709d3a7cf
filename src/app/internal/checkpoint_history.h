#pragma once

// The checkpoint history on disk: every checkpoint PublishLog signs is kept,
// immutable, as WORKSPACE/log/checkpoints/<size> (docs/formats/log.md §3),
// written before log/checkpoint is replaced. `vka verify` checks each one
// against the log (evidence/checkpoint_history.h).

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/status.h"
#include "evidence/checkpoint.h"
#include "evidence/checkpoint_history.h"
#include "evidence/merkle.h"
#include "evidence/note.h"

namespace vka::app::internal {

// log/checkpoints/<size> under the log folder `log_dir`.
std::filesystem::path StoredCheckpointPath(const std::filesystem::path& log_dir, uint64_t size);

// Keeps `note`, the signed `checkpoint`, as log/checkpoints/<size>: written
// atomically (temp file, fsync, rename, fsync of the folder; the folder is
// created, and the log folder fsynced, the first time). A file already
// there is never replaced: if it holds the same checkpoint (left by a crash
// before log/checkpoint was replaced) that is OK; if it holds another or
// does not verify with `key`, kDataLoss naming it. kIOError.
base::Status KeepCheckpoint(const std::filesystem::path& log_dir,
                            const evidence::Checkpoint& checkpoint, const std::string& note,
                            const evidence::NoteVerifier& key);

// Every stored checkpoint, sorted by size (names starting with '.' are
// temporary files of an interrupted write and are skipped). kDataLoss for
// any other name that is not a size ("log/checkpoints/x: not a checkpoint
// size") or a file that is not a regular file; kIOError. Empty when the
// folder does not exist (a workspace made before the history was kept).
base::Result<std::vector<evidence::StoredCheckpoint>> ReadCheckpointHistory(
    const std::filesystem::path& log_dir);

// Checks every stored checkpoint against the log whose latest checkpoint is
// `latest` (its tiles already checked by VerifyTiles): see
// evidence::CheckCheckpointHistory. Returns a summary line; kDataLoss.
base::Result<std::string> VerifyCheckpointHistory(const std::filesystem::path& log_dir,
                                                  const evidence::NoteVerifier& key,
                                                  const evidence::Checkpoint& latest);

}  // namespace vka::app::internal
