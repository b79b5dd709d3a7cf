#pragma once

// The file helpers of base/files.h, under the names the app layer has
// always used.

#include "base/files.h"

namespace vka::app {

using base::AtomicFile;
using base::ReadSmallFile;
using base::SyncDirectory;
using base::WriteFileAtomically;

}  // namespace vka::app
