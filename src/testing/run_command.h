#pragma once

// Running an external tool from a unit test (pdftotext, pdfinfo).

#include <string>

namespace vka::testing {

// Runs `command` through the shell and returns its stdout (stderr dropped).
// Adds a test failure, naming the command, when it does not exit with 0.
std::string RunCommand(const std::string& command);

}  // namespace vka::testing
