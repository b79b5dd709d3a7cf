#pragma once

// Deterministic export. NDJSON: one record per line, the canonical body of
// its latest revision, kinds in canonical order (model::AllKinds) and ids in
// order within a kind; deleted records are left out. Exporting, importing the
// file into a new workspace and exporting again gives identical bytes.
// CSV: one kind per file; columns id, confidentiality, remarks, then the
// kind's fields in schema order; lists and objects as canonical JSON text.

#include <optional>
#include <ostream>
#include <string>

#include "app/access.h"
#include "app/progress.h"
#include "app/workspace.h"

namespace vka::app {

enum class ExportFormat { kNdjson, kCsv };

struct ExportOptions {
  ExportFormat format = ExportFormat::kNdjson;
  std::optional<model::Kind> kind;  // REQUIRED for CSV; NDJSON: all kinds when empty
  ProgressFn progress;              // records written of the total
  // Set: only the records this role may read, without the fields it may not
  // see (app/access.h), for the web server's export.
  std::optional<Role> role;
};

// Writes to out. Returns the number of records written.
base::Result<int64_t> ExportRecords(Workspace& ws, const ExportOptions& options, std::ostream& out);

// Writes to a file atomically: on any failure the file is not created or
// replaced.
base::Result<int64_t> ExportToFile(Workspace& ws, const ExportOptions& options,
                                   const std::string& path);

}  // namespace vka::app
