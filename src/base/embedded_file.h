#pragma once

// A data file embedded in the binary at build time (cmake/Embed.cmake, called
// through vka_embed() in cmake/VkaComponent.cmake), so that components read
// their data without file I/O.

#include <string_view>

namespace vka::base {

struct EmbeddedFile {
  std::string_view name;      // file name, e.g. "act_type.toml"
  std::string_view contents;
};

}  // namespace vka::base
