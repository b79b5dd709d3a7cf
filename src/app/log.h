#pragma once

// The workspace's transparency log (DESIGN.md §6, docs/formats/log.md).
//
// Write order: a write transaction appends its revisions AND their log leaves
// (storage log_leaves table) and commits; then PublishLog appends the new
// leaves to the tiles under log/ and replaces log/checkpoint with a newly
// signed checkpoint. The database is the source of truth: a crash between
// the commit and the publication leaves committed leaves unpublished, and
// the next PublishLog (run after every write) publishes them. Tiles beyond
// the signed checkpoint's size are overwritten.

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

// Publishes every committed leaf not yet in the tiles, signs and writes the
// checkpoint. Cheap when nothing is new. kDataLoss if the existing
// checkpoint does not verify; kIOError.
base::Result<LogState> PublishLog(Workspace& ws);

// The verifier key ("<name>+<key id>+<base64>") for independent tools.
base::Result<std::string> LogVerifierKey(Workspace& ws);

// The current signed checkpoint (publishing first if needed).
base::Result<LogState> CurrentCheckpoint(Workspace& ws);

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
// entries and the checkpoint; (unless quick) every log entry in the tiles
// against the database, and every revision's commitment SHA-256(salt ‖ body)
// against its leaf; every revision has a leaf. Returns a summary, or
// kDataLoss naming the first difference and its kind.
base::Result<std::string> VerifyWorkspace(Workspace& ws, bool quick, const ProgressFn& progress);

}  // namespace vka::app
