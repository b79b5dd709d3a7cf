#pragma once

// Data files under data/linkage/, embedded at build time by cmake/Embed.cmake
// (see src/linkage/CMakeLists.txt), so the component does no file I/O.

#include <vector>

#include "base/embedded_file.h"

namespace vka::linkage::internal {

std::vector<base::EmbeddedFile> EmbeddedLinkageFiles();

}  // namespace vka::linkage::internal
