#pragma once

// The vka command line: a table of subcommands, each parsing its flags,
// calling one app:: use case and rendering the result.

namespace vka::cli {

// Runs the command line; returns the process exit code (cli/exit_codes.h).
int Run(int argc, char** argv);

}  // namespace vka::cli
