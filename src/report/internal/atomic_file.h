#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace vka::report::internal {

// Writes bytes to path + ".tmp", fsyncs it, renames it over path and fsyncs
// the folder. On failure path is unchanged, the temporary file is removed
// and the kIOError names the file that failed.
base::Status WriteFileAtomically(const std::string& path, std::string_view bytes);

}  // namespace vka::report::internal
