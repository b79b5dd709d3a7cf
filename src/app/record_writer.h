#pragma once

// Writes records in one transaction: normalises and validates each body,
// checks its references, and appends an immutable revision (DESIGN.md §5).
// Every write path (add, edit, delete, import, demo) goes through here, so
// the rules are enforced in one place.

#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "app/workspace.h"
#include "base/json.h"
#include "base/status.h"
#include "model/validate.h"

namespace vka::app {

struct ChangeContext {
  std::string actor;   // who makes the change
  std::string reason;  // why ("" allowed for creation)
};

// The result of one write that reached validation. Status errors (I/O, lock)
// are returned separately as a non-OK Result.
struct WriteOutcome {
  std::string id;
  int64_t rev = 0;
  std::vector<model::FieldError> errors;  // empty when the write was accepted
  bool ok() const { return errors.empty(); }
};

// A reference whose target was not found when its record was written and
// was still missing at Finish().
struct DanglingReference {
  std::string origin;     // where the referring record came from ("acts.csv:12")
  std::string record_id;
  std::string path;       // field path
  std::string target_id;
};

// A body made ready for writing by the pure, thread-safe part of Create:
// id assigned, normalised, validated, canonical.
struct PreparedRecord {
  std::string id;
  std::string kind;                        // kind name, "" if unknown
  std::string canonical;                   // empty when errors is not
  std::string salt;                        // 32 random bytes for the commitment
  std::string leaf_entry;                  // its log leaf, computed off the writer thread
  std::shared_ptr<const storage::PreparedBody> sealed;  // canonical, sealed by the store's sealer
  std::vector<model::Reference> references;
  std::vector<model::FieldError> errors;
};

// Prepares a body. Thread-safe (vocab and sealer are only read); may run on
// any thread. With a sealer (RecordWriter::BodySealer), the sensitive values
// are sealed here too, not on the writer's thread.
PreparedRecord PrepareRecord(base::Json body, const model::VocabularySet& vocab,
                             const storage::BodySealer* sealer = nullptr);

// Not thread-safe. Destroying a writer without Commit() rolls everything back.
class RecordWriter {
 public:
  // Starts the write transaction. kUnavailable when another writer holds the
  // workspace.
  static base::Result<std::unique_ptr<RecordWriter>> Begin(Workspace& ws, ChangeContext context);

  // Creates a record. A body without "id" gets a new id of its kind. Errors
  // in the outcome: validation errors, "duplicate id", id already in the
  // workspace. References to records not yet known are checked at Finish().
  base::Result<WriteOutcome> Create(base::Json body, const std::string& origin);

  // The store's sealer for PrepareRecord on other threads; may be null.
  std::shared_ptr<const storage::BodySealer> BodySealer() { return txn_->MakeBodySealer(); }

  // The same, for a body already prepared by PrepareRecord.
  base::Result<WriteOutcome> CreatePrepared(PreparedRecord prepared, const std::string& origin);

  // Writes a new revision of an existing, live record with the given full
  // body. Outcome errors: validation, kind or id changed, no change at all.
  // kNotFound if the record does not exist or is deleted.
  base::Result<WriteOutcome> Update(const std::string& id, base::Json body);

  // Writes a tombstone. kNotFound if absent or already deleted.
  base::Result<WriteOutcome> Delete(const std::string& id);

  // Resolves deferred references; returns the ones still dangling.
  base::Result<std::vector<DanglingReference>> Finish();

  // Commits. REQUIRES: Finish() returned no dangling references.
  base::Status Commit();

  // For evidence files (app/evidence_files.h), whose metadata is not a
  // record: writes the metadata row and appends its log leaf (`entry`,
  // committing to what `ref` names, "sha256:<hex>") in this transaction.
  // kAlreadyExists (nothing written) if the row exists.
  base::Status PutEvidenceFile(const storage::EvidenceFile& file, const std::string& entry,
                               const std::string& ref);

  // The time of this transaction (RFC 3339 UTC), stamped on its revisions.
  const std::string& at() const { return at_; }

  int64_t written() const { return written_; }

 private:
  RecordWriter(Workspace& ws, ChangeContext context) : ws_(ws), context_(std::move(context)) {}

  // Validates refs of a normalised body; defers unknown targets.
  base::Status CheckReferences(const std::vector<model::Reference>& refs, const std::string& id,
                               const std::string& origin, std::vector<model::FieldError>& errors);
  base::Result<bool> IsLive(const std::string& id);
  // Appends the revision and its log leaf (computed here when leaf_entry is
  // empty).
  base::Status AppendRevision(const std::string& id, model::Kind kind, int64_t rev,
                              std::string body, std::string salt, bool deleted,
                              std::string leaf_entry = "",
                              std::shared_ptr<const storage::PreparedBody> sealed = nullptr);

  Workspace& ws_;
  ChangeContext context_;
  std::unique_ptr<storage::Transaction> txn_;
  std::string at_;
  std::unordered_set<std::string> created_;  // ids created in this transaction
  std::vector<DanglingReference> deferred_;
  int64_t written_ = 0;
};

// Converts a command-line value for a field path ("status", "consent.withdrawn")
// of the kind to JSON: integers, numbers and booleans parsed; lists and objects
// parsed as JSON text; anything else a string. kInvalidArgument for an unknown
// field or a value of the wrong form.
base::Result<base::Json> ParseFieldValue(model::Kind kind, const std::string& path,
                                         const std::string& text);

}  // namespace vka::app
