#pragma once

#include "base/status.h"

namespace vka::cli {

// The process exit code for a status; the one place these numbers live
// (docs/ARCHITECTURE.md lists them).
//   ok 0, invalid_argument 2, not_found 3, already_exists 3,
//   failed_precondition 3, permission_denied 4, data_loss 5, io_error 6,
//   unavailable 7, internal 70.
int ExitCodeFor(const base::Status& status);

}  // namespace vka::cli
