#pragma once

// Bulk import of NDJSON and CSV files, all or nothing: every record of every
// file is validated and written in one transaction; any error (bad JSON, a
// field error, an unknown code, a dangling reference, a duplicate id, an
// over-long line, invalid UTF-8) rolls everything back and the workspace is
// exactly as before.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/progress.h"
#include "app/record_writer.h"
#include "app/workspace.h"

namespace vka::app {

struct ImportInput {
  std::string path;                          // .ndjson/.jsonl, or .csv
  std::optional<std::string> mapping_path;   // CSV only: a mapping file
};

struct ImportOptions {
  bool dry_run = false;                      // validate only; never commit
  std::optional<model::Kind> csv_kind;       // kind of CSV files without mapping
  size_t max_errors = 1000;                  // stop collecting after this many
  size_t max_line_bytes = 16 * 1024 * 1024;  // longer NDJSON lines are errors
  ProgressFn progress;                       // bytes read of all files
};

// One problem, located: file, line (1-based; 0 when not line-specific),
// column or field, the offending value, and what is wrong.
struct ImportError {
  std::string file;
  int64_t line = 0;
  std::string field;
  std::string value;
  std::string message;

  // "people.ndjson:12: names[0].script: unknown script code ... (value "Armm")"
  std::string ToString() const;
};

struct ImportSummary {
  int64_t records = 0;                       // records read and accepted
  std::map<std::string, int64_t> by_kind;    // kind name -> count
  std::vector<ImportError> errors;           // empty when it succeeded
  bool errors_truncated = false;             // more errors than max_errors
  bool committed = false;
};

// Imports the files. Returns a summary; when summary.errors is non-empty
// nothing was written. A non-OK Status means the import could not run at all
// (a file cannot be opened, the workspace is locked, the disk is full); the
// workspace is then also unchanged.
base::Result<ImportSummary> ImportFiles(Workspace& ws, const std::vector<ImportInput>& inputs,
                                        const ImportOptions& options,
                                        const ChangeContext& context);

// Imports records already in memory (the demo), with the same rules.
base::Result<ImportSummary> ImportRecords(Workspace& ws, std::vector<base::Json> records,
                                          const ChangeContext& context);

// Writes the errors as CSV (file,line,field,value,message) to path.
base::Status WriteErrorReport(const std::vector<ImportError>& errors, const std::string& path);

}  // namespace vka::app
