#pragma once

// The report templates of data/report/, embedded at build time (vka_embed).

#include <vector>

#include "base/embedded_file.h"

namespace vka::report {

std::vector<base::EmbeddedFile> EmbeddedReportTemplates();

}  // namespace vka::report
