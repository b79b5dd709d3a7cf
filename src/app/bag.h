#pragma once

// Archival export and import as BagIt bags (RFC 8493; issue 3 part 6). The
// layout, the proofs and how to check a bag without vka are in
// docs/formats/bag.md.
//
// A bag holds records (canonical NDJSON), evidence files, their custody
// metadata, the workspace's current signed checkpoint and verifier key, and
// an inclusion proof for the log leaf of every included revision and file,
// with the revisions' salts so that anyone can recompute the leaves. A bag
// validates with any BagIt validator; `vka import --bag` checks the bag
// AND every proof before it writes anything.

#include <cstdint>
#include <optional>
#include <string>

#include "app/progress.h"
#include "app/record_writer.h"
#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

struct BagExportOptions {
  std::string dir;                       // the bag folder to create; must not exist
  std::optional<std::string> situation;  // only this situation and what belongs to it
  std::optional<std::string> ids_file;   // only these ids (one per line) and what they refer to
  ProgressFn progress;                   // bytes of records and evidence written
};

struct BagExportSummary {
  int64_t records = 0;
  int64_t evidence_files = 0;
  uint64_t payload_bytes = 0;
  uint64_t tree_size = 0;  // of the checkpoint the proofs are against
  std::string root;        // its root hash, hex
};

// Writes the bag: first in a sibling folder "<dir>.tmp-XXXXXX", every file
// fsynced, then renamed to `dir` (never replacing anything) and the parent
// folder fsynced; on any failure the temporary folder is removed and `dir`
// is not created. Evidence files are streamed (constant memory). After the
// rename, one transaction records an "exported" custody event for each
// evidence file in the bag.
// Errors: kAlreadyExists (dir exists), kInvalidArgument (both a situation
// and an ids file), the scope's errors (kNotFound, kFailedPrecondition: see
// internal/bag_scope.h), kDataLoss (a stored file or revision no longer
// matches its log leaf), kUnavailable (the workspace changed during the
// export, or is locked when the custody events are written), kIOError.
base::Result<BagExportSummary> ExportBag(Workspace& ws, const BagExportOptions& options,
                                         const ChangeContext& context);

struct BagImportOptions {
  std::string dir;       // the bag folder
  bool dry_run = false;  // check the bag, the proofs and the records; write nothing
  // The verifier key (note vkey form, as `vka log key` prints) that must have
  // signed the bag's checkpoint; unset: any key (the caller should show the
  // bag's key, summary.verifier_key, for an out-of-band comparison).
  std::optional<std::string> expect_key;
  ProgressFn progress;   // bytes checked, then bytes of evidence stored
};

struct BagImportSummary {
  int64_t records = 0;           // records written
  int64_t records_present = 0;   // already in the workspace with identical bodies: skipped
  int64_t evidence_files = 0;    // files stored
  int64_t evidence_present = 0;  // already in the workspace: skipped
  std::string origin;            // the log the proofs are against
  uint64_t tree_size = 0;
  std::string root;          // hex
  std::string verifier_key;  // the bag's key, to compare with the one its organisation published
  std::string source_organization;
};

// Checks the bag completely before writing anything: bagit.txt, every
// checksum of manifest-sha256.txt and tagmanifest-sha256.txt, that every
// payload file is listed, Payload-Oxum, the checkpoint's signature with the
// bag's verifier key, every inclusion proof against the checkpoint, and
// that every record's body and every evidence file recompute the leaf their
// proof is for. Then writes, in one transaction through the record writer,
// every record not already present (a record present with an identical
// body is skipped; a different or deleted one is a conflict), the metadata,
// log leaf and a "received" custody event of every evidence file new to the
// workspace (its bytes stored in the blob store first, hash verified).
// With dry_run, stops before storing anything (the transaction is rolled
// back): the summary counts what would be written, evidence_files excepted.
// Errors, all with the workspace unchanged (at most unreferenced blobs
// after an I/O failure): kNotFound (no such folder), kInvalidArgument (not
// a bag, a malformed file, records that fail validation: the message names
// the file and line; a malformed expect_key, before the bag is read),
// kDataLoss (a checksum, the Payload-Oxum, a signature or a proof does not
// match; the checkpoint is not signed by expect_key, naming the bag's key), kAlreadyExists (records conflict with the
// workspace's), kUnavailable (locked), kIOError.
base::Result<BagImportSummary> ImportBag(Workspace& ws, const BagImportOptions& options,
                                         const ChangeContext& context);

}  // namespace vka::app
