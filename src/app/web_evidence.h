#pragma once

// Evidence use cases of the web server (issue 7 part 4), beside
// app/evidence_files.h: access to a stored file's bytes for streaming, and
// the "accessed" custody event each download records.

#include <filesystem>
#include <string>

#include "app/record_writer.h"
#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

// The path of the stored bytes of an evidence file (read-only: never write
// to it). kNotFound for an unknown file; kInvalidArgument for a malformed
// hash; kDataLoss when the blob is missing.
base::Result<std::filesystem::path> EvidenceContentPath(Workspace& ws, const std::string& sha256);

// Records an "accessed" custody event (its own transaction and log leaf).
base::Status RecordEvidenceAccess(Workspace& ws, const std::string& sha256,
                                  const std::string& purpose, const ChangeContext& context);

}  // namespace vka::app
