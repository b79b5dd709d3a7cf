#pragma once

// The files of data/legal/, embedded at build time (vka_embed).

#include <vector>

#include "base/embedded_file.h"

namespace vka::legal {

std::vector<base::EmbeddedFile> EmbeddedLegalFiles();

}  // namespace vka::legal
