#pragma once

// Outputs of the reparations registry (docs/claims.md "Outputs"): the
// claimant's statement as a PDF, and the package of claims for a claims
// commission or court (CSV, NDJSON and a BagIt bag with the evidence;
// layout in docs/formats/claims.md).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/progress.h"
#include "app/record_writer.h"
#include "app/workspace.h"
#include "base/status.h"
#include "report/document.h"

namespace vka::app {

struct StatementOptions {
  std::string id;                  // clm_…
  std::string lang;                // en, hy, ru; "" = the claimant's language (below), else en
  bool include_sensitive = false;  // the persons' sensitive fields (schema `sensitive`)
};

struct Statement {
  report::Document document;
  std::string lang;  // the language it is in
};

// Builds the statement of the claim's current revision: its history from
// the record's revisions, its persons, harms and decision from the records
// it refers to (a missing or deleted one is shown by its id). The
// claimant's language is the `language` (en, hy or ru) of the first name of
// the claimant (or of the first household member) that gives one.
// Errors: kInvalidArgument (not a claim id; a language other than en, hy,
// ru), kNotFound (no such claim, or it was deleted), the store's errors.
// Reads only.
base::Result<Statement> BuildStatement(Workspace& ws, const StatementOptions& options);

struct StatementFile {
  std::string path;
  std::string lang;
  int pages = 0;
};

// BuildStatement, then typesets it and writes the PDF atomically to `path`
// ("" = "<id>.pdf" in the current folder). BuildStatement's errors, with no
// file written; kIOError naming the path (then it is unchanged).
base::Result<StatementFile> WriteStatement(Workspace& ws, const StatementOptions& options,
                                           std::string path);

struct ClaimsPackageOptions {
  std::string dir;  // must not exist, or be an empty folder
  std::vector<std::string>
      statuses;  // only claims in these statuses (claim_status codes); empty = any
  std::optional<std::string>
      ids_file;         // only these claims (one id per line; blank and '#' lines skipped)
  ProgressFn progress;  // bytes written into the bag
};

struct ClaimsPackageSummary {
  int64_t claims = 0;
  int64_t records = 0;  // other records in records.ndjson
  int64_t evidence_files = 0;
  uint64_t payload_bytes = 0;  // of the bag
  uint64_t tree_size = 0;      // of the checkpoint the bag's proofs are against
  std::string root;            // its root hash, hex
};

// Writes the package: claims.csv, claims.ndjson, records.ndjson, ids.txt,
// README.txt and bag/ (app/bag.h, with the claims' ids as its scope: the
// claims, every record they refer to transitively, the evidence files of
// the cited sources and their custody). Everything is written in a sibling
// folder "<dir>.tmp-XXXXXX", fsynced, and renamed to dir at the end; on any
// failure the temporary folder is removed and dir is left as it was. The
// bag export records an "exported" custody event for each evidence file.
// Errors: kAlreadyExists (dir is a file or a folder that is not empty),
// kInvalidArgument (an unknown status; a line of the ids file that is not a
// claim id: "FILE:LINE: ..."), kNotFound (the ids file, or a claim it lists,
// does not exist), kFailedPrecondition (no claim selected), kUnavailable
// (the registry changed during the export: try again), ExportBag's errors,
// kIOError.
base::Result<ClaimsPackageSummary> ExportClaimsPackage(Workspace& ws,
                                                       const ClaimsPackageOptions& options,
                                                       const ChangeContext& context);

}  // namespace vka::app
