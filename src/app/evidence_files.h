#pragma once

// Use cases on evidence files and their chain of custody (issue 3, parts 1
// and 2; DESIGN.md §4).
//
// Write order (crash safety): each file is first stored in the blob store
// (evidence/blob_store.h: temp file, fsync, rename, fsync dir), THEN one
// transaction writes, for every file, its metadata row (storage
// evidence_files), its evidence leaf (0x02 ‖ SHA-256 of the bytes, ref
// "sha256:<hex>") and a "received" custody_event record (with its own 0x03
// leaf), and commits; the log is published after the commit (app/log.h).
// A crash before the commit leaves only unreferenced blobs, which are
// harmless (content-addressed, reused by the next add of the same bytes).

#include <string>
#include <vector>

#include "app/record_writer.h"
#include "app/workspace.h"
#include "base/status.h"
#include "storage/store.h"

namespace vka::app {

using EvidenceFile = storage::EvidenceFile;

struct AddEvidenceOptions {
  std::string source;          // required: the id of a live source record
  std::string captured_at;     // EDTF, optional
  std::string captured_by;     // optional
  std::string captured_where;  // a place id, a name or "lat,lon"; optional
  std::string note;            // optional
  std::string derived_from;    // sha256 of an evidence file in the workspace; optional
};

struct AddedEvidence {
  std::string path;  // as given
  std::string sha256;
  int64_t size = 0;
  bool already_present = false;  // the workspace already held these bytes
  std::string custody_event;     // id of the "received" custody_event record
};

// Adds the files, all or nothing (see the write order above). A file whose
// bytes the workspace already holds keeps its first metadata row and gets
// only a new "received" custody event. Options are checked before anything
// is stored: kInvalidArgument (no source, bad EDTF, bad hash, no files),
// kNotFound (source or derived_from not in the workspace; a file missing),
// kFailedPrecondition (the source id names a deleted record or another
// kind); kIOError; kDataLoss if a stored blob of the same hash is damaged.
base::Result<std::vector<AddedEvidence>> AddEvidence(Workspace& ws,
                                                     const std::vector<std::string>& paths,
                                                     const AddEvidenceOptions& options,
                                                     const ChangeContext& context);

// The metadata of one file. kNotFound; kInvalidArgument for a malformed hash.
base::Result<EvidenceFile> ShowEvidence(Workspace& ws, const std::string& sha256);

// Every evidence file, or those of one source ("" = all), by time added.
base::Result<std::vector<EvidenceFile>> ListEvidence(Workspace& ws, const std::string& source);

// Copies the file to dest, checking its hash on the way, then records a
// "copied" custody event (purpose may be empty; "exported" is kept for
// export packages: bags, claim packages). kNotFound; kDataLoss if the stored
// file is missing or changed (dest is not left behind); kIOError.
base::Status GetEvidence(Workspace& ws, const std::string& sha256, const std::string& dest,
                         const std::string& purpose, const ChangeContext& context);

struct CustodyEvent {
  std::string id;  // the custody_event record
  std::string action;
  std::string actor;
  std::string date;  // EDTF
  std::string purpose;
  std::string counterpart;
};

// One action on an evidence file, as a user records it.
struct CustodyAction {
  std::string action;       // a custody_action code (received, accessed, copied,
                            // exported, transferred, returned, verified); required
  std::string actor;        // who acted (a name or record id); "" = context.actor
  std::string date;         // EDTF date or RFC 3339 timestamp; "" = today (UTC)
  std::string purpose;      // why; optional
  std::string counterpart;  // the other organisation or person: a name, or the id
                            // of a person or organization record; required for
                            // "transferred" and "returned"
};

// Records the action as a custody_event record of the file: one revision,
// so one custody-event leaf of the log, in one transaction. Returns the
// event's id. Nothing is written on error:
//   kInvalidArgument  malformed hash; "action: ..." not a custody_action
//                     code; "counterpart: ..." missing for transferred or
//                     returned, or the id of a record that is neither a
//                     person nor an organization; "date: ..." not EDTF or
//                     after today; other fields the schema refuses;
//   kNotFound         no such evidence file; the counterpart id names no
//                     record;
//   kFailedPrecondition the counterpart record is deleted.
base::Result<std::string> RecordCustodyAction(Workspace& ws, const std::string& sha256,
                                              const CustodyAction& action,
                                              const ChangeContext& context);

// Every live custody event of the file, ordered by date then id.
// kNotFound if the workspace has no such evidence file.
base::Result<std::vector<CustodyEvent>> CustodyChain(Workspace& ws, const std::string& sha256);

// Re-hashes every evidence file (for `vka verify`). Returns how many were
// checked; kDataLoss "evidence file <hash> (<name>): file changed | file
// missing" at the first damaged one.
base::Result<int64_t> VerifyEvidenceFiles(Workspace& ws);

}  // namespace vka::app
