// vka: wiring only. Everything else lives in the components under src/.

#include <cstdio>
#include <exception>

#include "cli/cli.h"

int main(int argc, char** argv) {
  try {
    return vka::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vka: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "vka: internal error\n");
  }
  return 70;
}
