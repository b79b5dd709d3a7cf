#pragma once

#include <chrono>
#include <string>

#include "app/progress.h"

namespace vka::cli {

// A progress bar on stderr, drawn only when stderr is a terminal (quiet in
// pipes and logs). Redraws at most ten times a second.
class ProgressBar {
 public:
  // label: "import", "export"; bytes: format amounts as sizes.
  ProgressBar(std::string label, bool bytes);
  ~ProgressBar();  // ends the line if anything was drawn

  void Update(uint64_t done, uint64_t total);
  app::ProgressFn AsFn();

 private:
  std::string label_;
  bool bytes_;
  bool enabled_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace vka::cli
