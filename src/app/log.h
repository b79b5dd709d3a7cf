#pragma once

// The workspace's transparency log (DESIGN.md §6, docs/formats/log.md).
//
// Write order: a write transaction appends its revisions AND their log leaves
// (storage log_leaves table) and commits; then PublishLog appends the new
// leaves to the tiles under log/, keeps the newly signed checkpoint as
// log/checkpoints/<size> (never replaced) and then replaces log/checkpoint
// with it. The database is the source of truth: a crash between the commit
// and the publication leaves committed leaves unpublished, and the next
// PublishLog (run after every write) publishes them. Tiles beyond the signed
// checkpoint's size are overwritten; a history file beyond it is the same
// checkpoint signed again (or an older size of the same tree).

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "app/progress.h"
#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

// Creates keys/log.key (mode 0600) for a log named `origin`. kIOError.
base::Status CreateLogKey(const std::filesystem::path& dir, const std::string& origin);

struct LogState {
  uint64_t size = 0;       // leaves in the signed checkpoint
  std::string checkpoint;  // the signed checkpoint note
};

// Publishes every committed leaf not yet in the tiles, signs the checkpoint
// and writes it to the history, then to log/checkpoint. Cheap when nothing
// is new (then it only adds the latest checkpoint to the history if it is
// not there: a workspace made before the history was kept). kDataLoss if the
// existing checkpoint does not verify or the history holds another
// checkpoint of the new size; kIOError.
base::Result<LogState> PublishLog(Workspace& ws);

// The verifier key ("<name>+<key id>+<base64>") for independent tools.
base::Result<std::string> LogVerifierKey(Workspace& ws);

// The current signed checkpoint (publishing first if needed).
base::Result<LogState> CurrentCheckpoint(Workspace& ws);

// The stored checkpoint of `size` leaves (log/checkpoints/<size>), its
// signature verified. kNotFound (naming the nearest stored sizes) if none;
// kDataLoss if it does not verify.
base::Result<std::string> StoredCheckpointNote(Workspace& ws, uint64_t size);

// An inclusion proof of leaf `index` in the tree of `size` leaves (default:
// the checkpoint's), as text (docs/formats/log.md §proofs).
// kInvalidArgument if index >= size or size exceeds the checkpoint.
base::Result<std::string> InclusionProofText(Workspace& ws, uint64_t index,
                                             std::optional<uint64_t> size);

// A consistency proof from `old_size` to `new_size` (default: checkpoint).
base::Result<std::string> ConsistencyProofText(Workspace& ws, uint64_t old_size,
                                               std::optional<uint64_t> new_size);

// Which leaf commits to a revision ("per_01J…@2", or "per_01J…" for the
// latest), its entry and its inclusion proof. kNotFound if none.
base::Result<std::string> DescribeLeaf(Workspace& ws, const std::string& ref);

// Recomputes and checks: the checkpoint's signature; the tiles against the
// entries and the checkpoint; every stored checkpoint (signature, origin,
// root against the tree at its size, the newest is the latest); (unless quick) every log entry in the tiles
// against the database, and every revision's commitment SHA-256(salt ‖ body)
// against its leaf; every revision has a leaf. Returns a summary, or
// kDataLoss naming the first difference and its kind.
base::Result<std::string> VerifyWorkspace(Workspace& ws, bool quick, const ProgressFn& progress);

}  // namespace vka::app
