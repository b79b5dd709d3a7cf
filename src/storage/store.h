#pragma once

// The record store: an append-only table of immutable revisions, from which
// the current state of every record is derived. SQLite always
// (storage/sqlite_store.h); PostgreSQL may implement the same interface.
//
// Contract shared by every implementation:
// - A revision, once written, is never changed or removed. A delete is a
//   tombstone revision (deleted = true, body = the last body).
// - Revisions of one record are numbered 1, 2, 3, ... without gaps.
// - All writes happen inside a transaction (Begin .. Commit); a failure or a
//   destroyed, uncommitted transaction leaves the store exactly as before.
// - Only one writer at a time: Begin returns kUnavailable ("workspace is
//   locked by another writer") when another process holds the write lock.
// - Sensitive values (model::FieldSpec::sensitive) are sealed at rest with
//   the workspace's data key (storage/data_key.h, docs/formats/encryption.md):
//   callers write and read plaintext bodies; a read that needs a key that is
//   not available fails (kFailedPrecondition), never returns a placeholder.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/kinds.h"
#include "storage/data_key.h"

namespace vka::storage {

// A revision body whose sensitive values a BodySealer has already sealed,
// off the writer thread. Opaque: only the store makes and reads it. Append
// uses it only for the exact revision (id, kind, rev, body) and the current
// data key it was made for, and seals the body itself otherwise, so no path
// writes a sensitive value unsealed.
class PreparedBody {
 public:
  virtual ~PreparedBody() = default;
};

// Seals bodies for Append on any thread (Transaction::MakeBodySealer).
class BodySealer {
 public:
  virtual ~BodySealer() = default;
  // nullptr when the body cannot be sealed here (no data key, a body the
  // store refuses): Append then seals it and reports the error itself.
  // Thread-safe.
  virtual std::shared_ptr<const PreparedBody> Prepare(const std::string& id, model::Kind kind,
                                                      int64_t rev,
                                                      const std::string& body) const = 0;
};

struct Revision {
  std::string id;  // record id, "per_01J..."
  model::Kind kind;
  int64_t rev = 0;  // 1-based
  std::string
      at;  // RFC 3339 UTC time with milliseconds, "2026-11-29T11:20:00.123Z"
  std::string by;      // actor
  std::string reason;  // why the change was made ("" for creation)
  std::string body;    // RFC 8785 canonical JSON of the record
  std::string salt;    // 32 random bytes, for the log commitment
  bool deleted = false;
  // Optional: `body` as a BodySealer prepared it (see PreparedBody).
  std::shared_ptr<const PreparedBody> prepared;
};

// Equality filter on a top-level field of the current body: the field's
// value equals `value` (strings) or, for arrays, contains it.
struct FieldFilter {
  std::string field;
  std::string value;
};

// One leaf of the transparency log: its 0-based index, the entry bytes
// (docs/formats/log.md) and what it commits to ("per_01J...@3" for a
// revision). Leaves are appended in the transaction that writes what they
// commit to, and never change.
struct LogLeaf {
  int64_t seq = 0;
  std::string entry;
  std::string ref;
};

// Metadata of one stored evidence file (the bytes are in the blob store,
// evidence/blob_store.h). Immutable once written; empty strings mean
// "not known" and are stored as NULL. Times are RFC 3339 UTC, captured_at
// is EDTF.
struct EvidenceFile {
  std::string sha256;  // 64 lower-case hex digits; the key
  int64_t size = 0;
  std::string mime;            // from libmagic, "application/pdf"
  std::string original_name;   // file name at ingest, without folders
  std::string original_mtime;  // its modification time at ingest
  std::string source;          // the source record it came with, "src_01J..."
  std::string captured_at;     // EDTF: when the content was captured
  std::string captured_by;
  std::string captured_where;
  std::string note;
  std::string derived_from;  // sha256 of the original, for working copies
  std::string added_at;      // when it was added to the workspace
  std::string added_by;
  // Extracted from the content at ingest (app/evidence_metadata.h); empty
  // or nullopt when the file has none or could not be read.
  std::string exif_taken_at;  // EXIF DateTimeOriginal, "2024-05-01T14:03:22"
  std::string camera_make;    // EXIF Make
  std::string camera_model;   // EXIF Model
  std::optional<double> gps_lat;  // decimal degrees, north positive
  std::optional<double> gps_lon;  // decimal degrees, east positive
  std::optional<int64_t> page_count;  // PDFs
  std::string metadata_note;  // why metadata is missing or partial
};

struct ListQuery {
  model::Kind kind;
  std::vector<FieldFilter> where;
  int64_t limit = 50;  // <= 0: no limit
  int64_t offset = 0;
  bool include_deleted = false;
  // Non-empty: only records whose "confidentiality" ("internal" when
  // absent) is one of these, applied before limit and offset, so pages and
  // counts hold only what a role may read (app/access.h).
  std::vector<std::string> confidentiality;
  // Non-empty: only records whose id sorts after this one (keyset paging:
  // a deep page costs what the first does; combine with offset 0).
  std::string after_id;
};

class Transaction {
 public:
  virtual ~Transaction() = default;  // rolls back if not committed

  // Appends revision rev.rev of rev.id. kAlreadyExists if that (id, rev)
  // exists; kFailedPrecondition if rev.rev is not one more than the latest.
  virtual base::Status Append(const Revision& rev) = 0;

  // A sealer whose results Append accepts while this transaction is open,
  // so that bulk writers can seal on their worker threads; nullptr when the
  // store seals only in Append. The sealer may outlive the transaction.
  virtual std::shared_ptr<const BodySealer> MakeBodySealer() { return nullptr; }

  // Appends a log leaf; returns its seq (the number of leaves before it).
  virtual base::Result<int64_t> AppendLeaf(const std::string& entry, const std::string& ref) = 0;

  // Writes an evidence file's metadata row. kAlreadyExists if a row with
  // that sha256 exists.
  virtual base::Status PutEvidenceFile(const EvidenceFile& file) = 0;

  // Reads see the transaction's own writes.
  virtual base::Result<std::optional<Revision>> Latest(
      const std::string& id) = 0;

  virtual base::Status Commit() = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Starts the single write transaction. kUnavailable if another writer
  // holds it.
  virtual base::Result<std::unique_ptr<Transaction>> Begin() = 0;

  // The latest revision of a record (a tombstone if deleted), or nullopt.
  virtual base::Result<std::optional<Revision>> Latest(
      const std::string& id) = 0;
  // One revision; kNotFound if absent.
  virtual base::Result<Revision> Get(const std::string& id, int64_t rev) = 0;
  // All revisions of a record in order; empty if it does not exist.
  virtual base::Result<std::vector<Revision>> History(
      const std::string& id) = 0;
  // Current (latest) revisions of one kind, ordered by id.
  virtual base::Result<std::vector<Revision>> List(const ListQuery& query) = 0;
  // Calls fn for the current revision of every live record of the kind, in
  // id order, streaming (constant memory). Stops and returns fn's error.
  virtual base::Status ForEachCurrent(
      model::Kind kind,
      const std::function<base::Status(const Revision&)>& fn) = 0;
  // Number of live (not deleted) records of the kind.
  virtual base::Result<int64_t> Count(model::Kind kind) = 0;

  // Number of revisions of all records, tombstones included.
  virtual base::Result<int64_t> RevisionCount() = 0;

  // Number of log leaves (committed).
  virtual base::Result<int64_t> LeafCount() = 0;
  // Calls fn for leaves from seq `from` on, in order, streaming.
  virtual base::Status ForEachLeaf(int64_t from,
                                   const std::function<base::Status(const LogLeaf&)>& fn) = 0;
  // The leaves whose ref equals ref, in order.
  virtual base::Result<std::vector<LogLeaf>> LeavesFor(const std::string& ref) = 0;

  // Calls fn once for the latest revision (a tombstone if deleted) of every
  // record that has a revision whose log leaf (ref "id@rev") has seq >= from,
  // in id order, streaming. For derived data kept up to date from the log
  // position (the search index, app/search.h): read LeafCount() first, then
  // visit the changes since the previous count; a record changed meanwhile
  // may be visited again next time, never missed. Revisions written without
  // a leaf are not seen. Stops and returns fn's error.
  virtual base::Status ForEachChangedSince(
      int64_t from, const std::function<base::Status(const Revision&)>& fn) = 0;

  // One evidence file's metadata, or nullopt.
  virtual base::Result<std::optional<EvidenceFile>> GetEvidenceFile(const std::string& sha256) = 0;
  // Evidence files ordered by (added_at, sha256); only those of `source`
  // unless it is empty.
  virtual base::Result<std::vector<EvidenceFile>> ListEvidenceFiles(const std::string& source) = 0;

  // The data keys the store knows (current and retired), oldest first, with
  // how many values each seals now.
  virtual base::Result<std::vector<DataKeyInfo>> DataKeys() = 0;
  // In one write transaction: makes `key` the current data key (created_at
  // = at) and retires the previous one, re-encrypts every sealed value with
  // it, and seals the sensitive values an older vka stored in clear.
  // Afterwards the retired keys seal nothing and their files may be removed.
  // kUnavailable if another writer holds the lock; kAlreadyExists if the key
  // id is known; kFailedPrecondition / kDataLoss when an old value cannot be
  // opened (nothing is changed then).
  virtual base::Result<RotationResult> RotateDataKey(const DataKey& key, const std::string& at) = 0;
};

}  // namespace vka::storage
