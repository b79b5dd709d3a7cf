#include "testing/run_command.h"

#include <gtest/gtest.h>
#include <stdio.h>
#include <sys/wait.h>

namespace vka::testing {

std::string RunCommand(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << command;
    return out;
  }
  char buffer[4096];
  size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int rc = pclose(pipe);
  EXPECT_TRUE(WIFEXITED(rc) && WEXITSTATUS(rc) == 0) << command << " failed (poppler-utils?)";
  return out;
}

}  // namespace vka::testing
