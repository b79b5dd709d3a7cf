#pragma once

// The report templates of data/report/, embedded at build time (cmake/Embed.cmake).

#include <string_view>
#include <vector>

namespace vka::report {

struct EmbeddedFile {
  std::string_view name;
  std::string_view contents;
};
std::vector<EmbeddedFile> EmbeddedReportTemplates();

}  // namespace vka::report
