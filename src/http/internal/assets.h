#pragma once

// Files embedded in the binary at build time (src/http/CMakeLists.txt):
// the web UI's static assets (src/http/assets/*) and the API documents
// (src/http/openapi.json).

#include <vector>

#include "base/embedded_file.h"

namespace vka::http::internal {

std::vector<base::EmbeddedFile> EmbeddedAssets();
std::vector<base::EmbeddedFile> EmbeddedApiDocs();

}  // namespace vka::http::internal
