#pragma once

// The workspace's log signing key (keys/log.key), shared by the log's
// checkpoints (app/log.cc) and the cosignatures it makes as a witness for
// other organisations' logs (app/witness.cc).

#include "app/workspace.h"
#include "base/status.h"
#include "evidence/note.h"

namespace vka::app::internal {

// Reads and decodes keys/log.key. kNotFound, kIOError or the key file's
// errors, with the path as context.
base::Result<evidence::NoteSigner> LoadLogSigner(const Workspace& ws);

}  // namespace vka::app::internal
