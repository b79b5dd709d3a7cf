#pragma once

// Synthetic data on disk: person lists for linkage and benchmarks (`vka
// gen`), and the demo workspace (`vka demo`). The generators themselves are
// in synth/ (pure); this writes their output to files and workspaces.
// Everything produced is fictional and labelled SYNTHETIC.

#include <cstdint>
#include <string>

#include "app/progress.h"
#include "app/record_writer.h"

namespace vka::app {

struct GenOptions {
  int64_t persons = 0;  // true persons in the population
  int lists = 5;
  uint64_t seed = 7;
  std::string dir;      // created if missing
};

// Writes DIR/list_<k>.ndjson and DIR/list_<k>.csv for each list,
// DIR/truth.csv (record_id,entity_id) and DIR/README.txt (what the files
// are, the true population size and per-list counts). Files are written
// atomically. Returns a short summary for the terminal.
base::Result<std::string> GeneratePersonListFiles(const GenOptions& options);

// Creates a workspace in dir (empty or absent) named as synthetic, and
// imports the demo situation into it. Returns a summary of what it holds.
base::Result<std::string> CreateDemoWorkspace(const std::string& dir, uint64_t seed,
                                              const ChangeContext& context);

}  // namespace vka::app
