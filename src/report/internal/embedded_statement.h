#pragma once

// data/claims/statement.toml (the claim statement's labels), embedded at
// build time (vka_embed).

#include <vector>

#include "base/embedded_file.h"

namespace vka::report::internal {

std::vector<base::EmbeddedFile> EmbeddedStatementFiles();

}  // namespace vka::report::internal
