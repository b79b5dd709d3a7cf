#pragma once

// The files of data/legal/, embedded at build time (cmake/Embed.cmake).

#include <string_view>
#include <vector>

namespace vka::legal {

struct EmbeddedFile {
  std::string_view name;
  std::string_view contents;
};
std::vector<EmbeddedFile> EmbeddedLegalFiles();

}  // namespace vka::legal
