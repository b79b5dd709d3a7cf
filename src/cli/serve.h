#pragma once

// `vka serve`: the command line side. The server lives in the http
// component, on the same layer as cli, so cli does not include it: main.cc
// connects the two with SetServeHandler.

#include <string>

#include "base/status.h"

namespace vka::cli {

struct ServeFlags {
  std::string workspace;  // the located workspace folder
  std::string listen;     // "HOST:PORT"
  std::string tls_cert;
  std::string tls_key;
  int threads = 0;
};

using ServeHandler = base::Status (*)(const ServeFlags& flags);

// Set once by main() before the command line runs.
void SetServeHandler(ServeHandler handler);

}  // namespace vka::cli
