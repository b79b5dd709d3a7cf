#pragma once

// The data files of data/claims/, embedded at build time (vka_embed).

#include <vector>

#include "base/embedded_file.h"

namespace vka::claims::internal {

std::vector<base::EmbeddedFile> EmbeddedClaimsFiles();

}  // namespace vka::claims::internal
