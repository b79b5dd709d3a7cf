#pragma once

// Data files under data/linkage/, embedded at build time by cmake/Embed.cmake
// (see src/linkage/CMakeLists.txt), so the component does no file I/O.

#include <string_view>
#include <vector>

namespace vka::linkage::internal {

struct EmbeddedFile {
  std::string_view name;  // file name, e.g. "diminutives.tsv"
  std::string_view text;
};

std::vector<EmbeddedFile> EmbeddedLinkageFiles();

}  // namespace vka::linkage::internal
