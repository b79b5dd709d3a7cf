#include "storage/sqlite_store.h"

#include <sqlite3.h>

#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "base/json.h"
#include "storage/internal/sealer.h"
#include "storage/internal/sealing.h"
#include "storage/internal/sqlite_util.h"
#include "storage/migrations.h"

namespace vka::storage {
namespace {

using internal::Connection;
using internal::ScopedReset;
using internal::Statement;

constexpr int kBusyTimeoutMillis = 200;
// 64 MiB page cache (negative = KiB) keeps a large import's b-tree pages in
// memory; temp_store=MEMORY keeps sorter spills off disk.
constexpr const char* kSettings =
    "PRAGMA synchronous = FULL;"
    "PRAGMA foreign_keys = ON;"
    "PRAGMA cache_size = -65536;"
    "PRAGMA temp_store = MEMORY;";  // larger caches did not speed a 1M import

// The columns ReadRevision reads, in its order; every query that returns
// revisions starts with this and aliases the revisions table as r.
constexpr std::string_view kSelectRevision =
    "SELECT r.id, r.rev, r.kind, r.at, r.\"by\", r.reason, r.body, r.salt, "
    "r.deleted";

constexpr std::string_view kSelectHead =
    "SELECT kind, rev FROM heads WHERE id = ?1";
constexpr std::string_view kInsertRevision =
    "INSERT INTO revisions(id, rev, kind, at, \"by\", reason, body, salt, "
    "deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
constexpr std::string_view kInsertLeaf =
    "INSERT INTO log_leaves(seq, entry, ref) VALUES (?1, ?2, ?3)";
constexpr std::string_view kUpsertHead =
    "INSERT INTO heads(id, kind, rev, deleted) VALUES (?1, ?2, ?3, ?4) "
    "ON CONFLICT(id) DO UPDATE SET rev = excluded.rev, deleted = "
    "excluded.deleted";
constexpr std::string_view kSelectLatest =
    " FROM revisions r WHERE r.id = ?1 ORDER BY r.rev DESC LIMIT 1";
constexpr std::string_view kSelectOne =
    " FROM revisions r WHERE r.id = ?1 AND r.rev = ?2";
constexpr std::string_view kSelectHistory =
    " FROM revisions r WHERE r.id = ?1 ORDER BY r.rev";
constexpr std::string_view kSelectCurrent =
    " FROM heads h JOIN revisions r ON r.id = h.id AND r.rev = h.rev"
    " WHERE h.kind = ?1";
constexpr std::string_view kCountLive =
    "SELECT count(*) FROM heads WHERE kind = ?1 AND deleted = 0";

constexpr std::string_view kInsertEvidenceFile =
    "INSERT INTO evidence_files(sha256, size, mime, original_name, "
    "original_mtime, source, captured_at, captured_by, captured_where, note, "
    "derived_from, added_at, added_by, exif_taken_at, camera_make, "
    "camera_model, metadata_note, gps_lat, gps_lon, page_count) VALUES (?1, "
    "?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
    "?18, ?19, ?20)";
// The columns ReadEvidenceFile reads, in its order.
constexpr std::string_view kSelectEvidenceFile =
    "SELECT sha256, size, mime, original_name, original_mtime, source, "
    "captured_at, captured_by, captured_where, note, derived_from, added_at, "
    "added_by, exif_taken_at, camera_make, camera_model, metadata_note, "
    "gps_lat, gps_lon, page_count FROM evidence_files";
// Columns of kInsertEvidenceFile / kSelectEvidenceFile after the text ones.
constexpr int kGpsLatColumn = 17;  // 0-based, as ColumnDouble takes it
constexpr int kGpsLonColumn = 18;
constexpr int kPageCountColumn = 19;

std::string WithColumns(std::string_view rest) {
  return std::string(kSelectRevision) + std::string(rest);
}

// Reads the columns of VKA_REVISION_COLUMNS from the current row.
base::Result<Revision> ReadRevision(const Statement& stmt) {
  Revision rev;
  rev.id = stmt.ColumnText(0);
  rev.rev = stmt.ColumnInt64(1);
  std::string kind = stmt.ColumnText(2);
  base::Result<model::Kind> parsed = model::ParseKindName(kind);
  if (!parsed.ok()) {
    return base::DataLossError("revision " + std::to_string(rev.rev) + " of " +
                               rev.id + " has unknown kind \"" + kind + "\"");
  }
  rev.kind = *parsed;
  rev.at = stmt.ColumnText(3);
  rev.by = stmt.ColumnText(4);
  rev.reason = stmt.ColumnText(5);
  rev.body = stmt.ColumnText(6);
  rev.salt = stmt.ColumnBlob(7);
  rev.deleted = stmt.ColumnInt64(8) != 0;
  return rev;
}

// Steps stmt to the end, collecting every row as a Revision.
base::Result<std::vector<Revision>> ReadAll(Statement& stmt,
                                            std::string_view what) {
  std::vector<Revision> out;
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step(what));
    if (!row) return out;
    VKA_ASSIGN_OR_RETURN(Revision rev, ReadRevision(stmt));
    out.push_back(std::move(rev));
  }
}

// The string members of EvidenceFile after sha256 and size, in column order
// (columns 2..16).
std::vector<std::string EvidenceFile::*> EvidenceTextMembers() {
  return {&EvidenceFile::mime,         &EvidenceFile::original_name,
          &EvidenceFile::original_mtime, &EvidenceFile::source,
          &EvidenceFile::captured_at,  &EvidenceFile::captured_by,
          &EvidenceFile::captured_where, &EvidenceFile::note,
          &EvidenceFile::derived_from, &EvidenceFile::added_at,
          &EvidenceFile::added_by,     &EvidenceFile::exif_taken_at,
          &EvidenceFile::camera_make,  &EvidenceFile::camera_model,
          &EvidenceFile::metadata_note};
}

EvidenceFile ReadEvidenceFile(const Statement& stmt) {
  EvidenceFile file;
  file.sha256 = stmt.ColumnText(0);
  file.size = stmt.ColumnInt64(1);
  int col = 2;
  for (auto member : EvidenceTextMembers()) file.*member = stmt.ColumnText(col++);
  if (!stmt.ColumnIsNull(kGpsLatColumn)) file.gps_lat = stmt.ColumnDouble(kGpsLatColumn);
  if (!stmt.ColumnIsNull(kGpsLonColumn)) file.gps_lon = stmt.ColumnDouble(kGpsLonColumn);
  if (!stmt.ColumnIsNull(kPageCountColumn)) file.page_count = stmt.ColumnInt64(kPageCountColumn);
  return file;
}

bool IsFieldStart(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }
bool IsFieldChar(char c) { return IsFieldStart(c) || (c >= '0' && c <= '9'); }

// [a-z_][a-z0-9_]* segments joined by single dots. Names are also bound as
// parameters, never spliced into SQL; the check keeps JSON paths simple.
bool IsValidFieldName(std::string_view field) {
  bool segment_start = true;
  for (char c : field) {
    if (segment_start ? !IsFieldStart(c) : !(IsFieldChar(c) || c == '.')) {
      return false;
    }
    segment_start = c == '.';
  }
  return !field.empty() && !segment_start;
}

// Appends the WHERE conditions of a ListQuery, numbering parameters from 2
// (?1 is the kind). Returns the JSON paths to bind, in parameter order.
base::Result<std::vector<std::string>> AppendFilters(const ListQuery& query,
                                                     std::string& sql) {
  if (!query.include_deleted) sql += " AND h.deleted = 0";
  std::vector<std::string> paths;
  for (const FieldFilter& filter : query.where) {
    if (!IsValidFieldName(filter.field)) {
      return base::InvalidArgumentError("invalid filter field \"" +
                                        filter.field +
                                        "\" (expected [a-z_][a-z0-9_.]*)");
    }
    if (internal::IsSensitivePath(query.kind, filter.field)) {
      return base::InvalidArgumentError("cannot filter on \"" + filter.field +
                                        "\": it is a sensitive field, encrypted at rest");
    }
    std::string p = "?" + std::to_string(2 + 2 * paths.size());
    std::string v = "?" + std::to_string(3 + 2 * paths.size());
    sql += " AND (json_extract(r.body, " + p + ") = " + v +
           " OR (json_type(r.body, " + p +
           ") = 'array' AND EXISTS (SELECT 1 "
           "FROM json_each(r.body, " +
           p + ") AS e WHERE e.value = " + v + ")))";
    paths.push_back("$." + filter.field);
  }
  return paths;
}

class SqliteStoreImpl;

class SqliteTransaction final : public Transaction {
 public:
  explicit SqliteTransaction(SqliteStoreImpl* store) : store_(store) {}
  ~SqliteTransaction() override;

  base::Status Append(const Revision& rev) override;
  std::shared_ptr<const BodySealer> MakeBodySealer() override;
  base::Result<int64_t> AppendLeaf(const std::string& entry, const std::string& ref) override;
  base::Status PutEvidenceFile(const EvidenceFile& file) override;
  base::Result<std::optional<Revision>> Latest(const std::string& id) override;
  base::Status Commit() override;

 private:
  base::Status CheckOpen() const;

  SqliteStoreImpl* store_;
  bool finished_ = false;
  base::Status poisoned_;  // the error of an Append that wrote partially
};

class SqliteStoreImpl final : public SqliteStore {
 public:
  SqliteStoreImpl(Connection conn, bool read_only, DataKeyLoader data_keys)
      : conn_(std::move(conn)),
        read_only_(read_only),
        sealer_(conn_, std::move(data_keys)) {}

  base::Status PrepareStatements();

  base::Result<std::unique_ptr<Transaction>> Begin() override;
  base::Result<std::optional<Revision>> Latest(const std::string& id) override;
  base::Result<Revision> Get(const std::string& id, int64_t rev) override;
  base::Result<std::vector<Revision>> History(const std::string& id) override;
  base::Result<std::vector<Revision>> List(const ListQuery& query) override;
  base::Status ForEachCurrent(
      model::Kind kind,
      const std::function<base::Status(const Revision&)>& fn) override;
  base::Result<int64_t> Count(model::Kind kind) override;
  base::Result<int64_t> LeafCount() override;
  base::Result<int64_t> RevisionCount() override;
  base::Status ForEachLeaf(int64_t from,
                           const std::function<base::Status(const LogLeaf&)>& fn) override;
  base::Result<std::vector<LogLeaf>> LeavesFor(const std::string& ref) override;
  base::Status ForEachChangedSince(
      int64_t from, const std::function<base::Status(const Revision&)>& fn) override;
  base::Result<std::optional<EvidenceFile>> GetEvidenceFile(const std::string& sha256) override;
  base::Result<std::vector<EvidenceFile>> ListEvidenceFiles(const std::string& source) override;
  base::Result<std::vector<DataKeyInfo>> DataKeys() override;
  base::Result<RotationResult> RotateDataKey(const DataKey& key, const std::string& at) override;

  // For SqliteTransaction: inserts the row (a failed insert writes nothing).
  base::Status WriteEvidenceFile(const EvidenceFile& file);

  // For SqliteTransaction.
  std::shared_ptr<const BodySealer> MakeBodySealer() { return sealer_.ForWorkers(); }

  // For SqliteTransaction: writes leaf number next_leaf_.
  base::Result<int64_t> WriteLeaf(const std::string& entry, const std::string& ref);

  // For SqliteTransaction. CheckAppendable writes nothing; a failure of
  // WriteRevision may leave a partial write in the transaction, except
  // kAlreadyExists (the revision's key is taken), which writes nothing.
  base::Status CheckAppendable(const Revision& rev);
  base::Status WriteRevision(const Revision& rev);
  // Runs COMMIT or ROLLBACK and ends the transaction either way.
  base::Status Finish(const char* sql, std::string_view what);

 private:
  Connection conn_;
  bool read_only_;
  bool in_transaction_ = false;
  // Cached statements for the hot paths.
  std::optional<Statement> select_head_;
  std::optional<Statement> insert_revision_;
  std::optional<Statement> upsert_head_;
  std::optional<Statement> select_latest_;
  std::optional<Statement> select_one_;
  std::optional<Statement> insert_leaf_;
  int64_t next_leaf_ = 0;  // valid inside a transaction
  internal::Sealer sealer_;  // after conn_, which it refers to
};

// ---- SqliteTransaction ----

SqliteTransaction::~SqliteTransaction() {
  if (!finished_) store_->Finish("ROLLBACK", "roll back").IgnoreError();
}

base::Status SqliteTransaction::CheckOpen() const {
  if (finished_)
    return base::FailedPreconditionError("transaction already ended");
  return poisoned_;
}

base::Status SqliteTransaction::Append(const Revision& rev) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  // A first revision needs no look-up of the head: the primary key of
  // revisions refuses a second revision 1 before anything is written.
  if (rev.rev != 1) VKA_RETURN_IF_ERROR(store_->CheckAppendable(rev));
  base::Status status = store_->WriteRevision(rev);
  if (status.code() == base::StatusCode::kAlreadyExists) return status;  // nothing written
  if (!status.ok()) poisoned_ = status;
  return status;
}

std::shared_ptr<const BodySealer> SqliteTransaction::MakeBodySealer() {
  if (!CheckOpen().ok()) return nullptr;
  return store_->MakeBodySealer();
}

base::Result<int64_t> SqliteTransaction::AppendLeaf(const std::string& entry,
                                                    const std::string& ref) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  auto seq = store_->WriteLeaf(entry, ref);
  if (!seq.ok()) poisoned_ = seq.status();
  return seq;
}

base::Status SqliteTransaction::PutEvidenceFile(const EvidenceFile& file) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  return store_->WriteEvidenceFile(file);
}

base::Result<std::optional<Revision>> SqliteTransaction::Latest(
    const std::string& id) {
  if (finished_)
    return base::FailedPreconditionError("transaction already ended");
  return store_->Latest(id);
}

base::Status SqliteTransaction::Commit() {
  if (finished_)
    return base::FailedPreconditionError("transaction already ended");
  finished_ = true;
  if (!poisoned_.ok()) {
    store_->Finish("ROLLBACK", "roll back").IgnoreError();
    return poisoned_.WithContext("commit refused after a failed append");
  }
  return store_->Finish("COMMIT", "commit");
}

// ---- SqliteStoreImpl: writing ----

base::Status SqliteStoreImpl::PrepareStatements() {
  VKA_ASSIGN_OR_RETURN(select_head_, Statement::Prepare(conn_, kSelectHead));
  VKA_ASSIGN_OR_RETURN(insert_revision_,
                       Statement::Prepare(conn_, kInsertRevision));
  VKA_ASSIGN_OR_RETURN(upsert_head_, Statement::Prepare(conn_, kUpsertHead));
  VKA_ASSIGN_OR_RETURN(select_latest_,
                       Statement::Prepare(conn_, WithColumns(kSelectLatest)));
  VKA_ASSIGN_OR_RETURN(select_one_,
                       Statement::Prepare(conn_, WithColumns(kSelectOne)));
  VKA_ASSIGN_OR_RETURN(insert_leaf_, Statement::Prepare(conn_, kInsertLeaf));
  return sealer_.Prepare();
}

base::Result<std::unique_ptr<Transaction>> SqliteStoreImpl::Begin() {
  if (read_only_)
    return base::FailedPreconditionError("store is open read-only");
  if (in_transaction_) {
    return base::FailedPreconditionError(
        "a transaction is already open on this store");
  }
  int rc =
      sqlite3_exec(conn_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    return base::UnavailableError("workspace is locked by another writer (" +
                                  std::string(sqlite3_errmsg(conn_.get())) +
                                  ": " + conn_.path() + ")");
  }
  if (rc != SQLITE_OK) return conn_.Error(rc, "begin transaction");
  in_transaction_ = true;
  sealer_.StartTransaction();
  auto leaves = LeafCount();
  if (!leaves.ok()) {
    Finish("ROLLBACK", "roll back").IgnoreError();
    return leaves.status();
  }
  next_leaf_ = *leaves;
  return std::unique_ptr<Transaction>(new SqliteTransaction(this));
}

base::Status SqliteStoreImpl::Finish(const char* sql, std::string_view what) {
  base::Status status = conn_.Exec(sql, what);
  // A failed COMMIT may leave the transaction open; end it.
  if (!sqlite3_get_autocommit(conn_.get())) {
    sqlite3_exec(conn_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  in_transaction_ = false;
  return status;
}

base::Status SqliteStoreImpl::CheckAppendable(const Revision& rev) {
  Statement& stmt = *select_head_;
  ScopedReset reset(stmt);
  stmt.BindText(1, rev.id);
  VKA_ASSIGN_OR_RETURN(bool exists, stmt.Step("read record head"));
  int64_t latest = exists ? stmt.ColumnInt64(1) : 0;
  std::string_view kind = model::KindName(rev.kind);
  bool follows = rev.rev == latest + 1;
  if (follows && (!exists || stmt.ColumnTextView(0) == kind)) {
    return base::OkStatus();  // the hot path: no allocation
  }
  std::string what = "revision " + std::to_string(rev.rev) + " of " + rev.id;
  if (rev.rev >= 1 && rev.rev <= latest) {
    return base::AlreadyExistsError(what + " already exists");
  }
  if (!follows) {
    return base::FailedPreconditionError(
        what + " does not follow the latest (" + std::to_string(latest) + ")");
  }
  return base::FailedPreconditionError(what + " is a " + std::string(kind) +
                                       " but the record is a " +
                                       stmt.ColumnText(0));
}

base::Status SqliteStoreImpl::WriteRevision(const Revision& rev) {
  // Sealing fails before anything is written. A body without sensitive
  // values costs one memchr pass (internal::MayHoldSensitive, ~0.2 us); a
  // body sealed on a worker thread (rev.prepared) costs a comparison.
  VKA_ASSIGN_OR_RETURN(internal::SealedRevision sealed, sealer_.SealOrTakePrepared(rev));
  const bool has_sealed = !sealed.values.empty();
  std::string_view kind = model::KindName(rev.kind);
  Statement& insert = *insert_revision_;
  ScopedReset reset_insert(insert);
  insert.BindText(1, rev.id);
  insert.BindInt64(2, rev.rev);
  insert.BindText(3, kind);
  insert.BindText(4, rev.at);
  insert.BindText(5, rev.by);
  insert.BindText(6, rev.reason);
  insert.BindText(7, has_sealed ? sealed.stored : rev.body);
  insert.BindBlob(8, rev.salt);
  insert.BindInt64(9, rev.deleted ? 1 : 0);
  base::Status inserted = insert.Run("append revision");
  if (inserted.code() == base::StatusCode::kAlreadyExists) {
    return base::AlreadyExistsError("revision " + std::to_string(rev.rev) + " of " + rev.id +
                                    " already exists");
  }
  VKA_RETURN_IF_ERROR(inserted);
  if (has_sealed) VKA_RETURN_IF_ERROR(sealer_.Write(rev.id, rev.rev, sealed.values));
  Statement& upsert = *upsert_head_;
  ScopedReset reset_upsert(upsert);
  upsert.BindText(1, rev.id);
  upsert.BindText(2, kind);
  upsert.BindInt64(3, rev.rev);
  upsert.BindInt64(4, rev.deleted ? 1 : 0);
  return upsert.Run("update record head");
}

base::Result<int64_t> SqliteStoreImpl::WriteLeaf(const std::string& entry,
                                                 const std::string& ref) {
  Statement& insert = *insert_leaf_;
  ScopedReset reset(insert);
  insert.BindInt64(1, next_leaf_);
  insert.BindBlob(2, entry);
  insert.BindText(3, ref);
  VKA_RETURN_IF_ERROR(insert.Run("append log leaf"));
  return next_leaf_++;
}

base::Status SqliteStoreImpl::WriteEvidenceFile(const EvidenceFile& file) {
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, kInsertEvidenceFile));
  stmt.BindText(1, file.sha256);
  stmt.BindInt64(2, file.size);
  int idx = 3;
  for (auto member : EvidenceTextMembers()) {
    const std::string& text = file.*member;
    if (!text.empty()) stmt.BindText(idx, text);  // unbound: NULL
    ++idx;
  }
  // 1-based parameters, one past the 0-based columns.
  if (file.gps_lat.has_value()) stmt.BindDouble(kGpsLatColumn + 1, *file.gps_lat);
  if (file.gps_lon.has_value()) stmt.BindDouble(kGpsLonColumn + 1, *file.gps_lon);
  if (file.page_count.has_value()) stmt.BindInt64(kPageCountColumn + 1, *file.page_count);
  base::Status status = stmt.Run("add evidence file");
  if (status.code() == base::StatusCode::kAlreadyExists) {
    return base::AlreadyExistsError("evidence file " + file.sha256 + " is already in the workspace");
  }
  return status;
}

// ---- SqliteStoreImpl: reading ----

base::Result<std::optional<Revision>> SqliteStoreImpl::Latest(
    const std::string& id) {
  Statement& stmt = *select_latest_;
  ScopedReset reset(stmt);
  stmt.BindText(1, id);
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read latest revision"));
  if (!row) return std::optional<Revision>();
  VKA_ASSIGN_OR_RETURN(Revision rev, ReadRevision(stmt));
  VKA_RETURN_IF_ERROR(sealer_.Unseal(rev));
  return std::optional<Revision>(std::move(rev));
}

base::Result<Revision> SqliteStoreImpl::Get(const std::string& id,
                                            int64_t rev) {
  Statement& stmt = *select_one_;
  ScopedReset reset(stmt);
  stmt.BindText(1, id);
  stmt.BindInt64(2, rev);
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read revision"));
  if (!row) {
    return base::NotFoundError("revision " + std::to_string(rev) + " of " + id +
                               " not found");
  }
  VKA_ASSIGN_OR_RETURN(Revision out, ReadRevision(stmt));
  VKA_RETURN_IF_ERROR(sealer_.Unseal(out));
  return out;
}

base::Result<std::vector<Revision>> SqliteStoreImpl::History(
    const std::string& id) {
  VKA_ASSIGN_OR_RETURN(Statement stmt,
                       Statement::Prepare(conn_, WithColumns(kSelectHistory)));
  stmt.BindText(1, id);
  VKA_ASSIGN_OR_RETURN(std::vector<Revision> revs, ReadAll(stmt, "read history"));
  for (Revision& rev : revs) VKA_RETURN_IF_ERROR(sealer_.Unseal(rev));
  return revs;
}

base::Result<std::vector<Revision>> SqliteStoreImpl::List(
    const ListQuery& query) {
  std::string sql = WithColumns(kSelectCurrent);
  VKA_ASSIGN_OR_RETURN(std::vector<std::string> paths,
                       AppendFilters(query, sql));
  int limit_idx = 2 + 2 * static_cast<int>(paths.size());
  const int levels_idx = limit_idx;
  if (!query.confidentiality.empty()) {
    sql += " AND coalesce(json_extract(r.body, '$.confidentiality'), 'internal') IN "
           "(SELECT value FROM json_each(?" + std::to_string(levels_idx) + "))";
    ++limit_idx;
  }
  const int after_idx = limit_idx;
  if (!query.after_id.empty()) {
    sql += " AND h.id > ?" + std::to_string(after_idx);  // heads_by_kind(kind, deleted, id)
    ++limit_idx;
  }
  sql += " ORDER BY h.id LIMIT ?" + std::to_string(limit_idx) + " OFFSET ?" +
         std::to_string(limit_idx + 1);
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, sql));
  stmt.BindText(1, model::KindName(query.kind));
  for (size_t idx = 0; idx < paths.size(); ++idx) {
    stmt.BindText(2 + 2 * static_cast<int>(idx), paths[idx]);
    stmt.BindText(3 + 2 * static_cast<int>(idx), query.where[idx].value);
  }
  // Bound SQLITE_STATIC: the text must outlive the statement's steps.
  const std::string levels = base::Json(query.confidentiality).dump();
  if (!query.confidentiality.empty()) stmt.BindText(levels_idx, levels);
  if (!query.after_id.empty()) stmt.BindText(after_idx, query.after_id);
  stmt.BindInt64(limit_idx, query.limit > 0 ? query.limit : -1);
  stmt.BindInt64(limit_idx + 1, query.offset > 0 ? query.offset : 0);
  VKA_ASSIGN_OR_RETURN(std::vector<Revision> revs, ReadAll(stmt, "list records"));
  for (Revision& rev : revs) VKA_RETURN_IF_ERROR(sealer_.Unseal(rev));
  return revs;
}

base::Status SqliteStoreImpl::ForEachCurrent(
    model::Kind kind, const std::function<base::Status(const Revision&)>& fn) {
  std::string sql = WithColumns(kSelectCurrent);
  sql += " AND h.deleted = 0 ORDER BY h.id";
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, sql));
  stmt.BindText(1, model::KindName(kind));
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read current records"));
    if (!row) return base::OkStatus();
    VKA_ASSIGN_OR_RETURN(Revision rev, ReadRevision(stmt));
    VKA_RETURN_IF_ERROR(sealer_.Unseal(rev));
    VKA_RETURN_IF_ERROR(fn(rev));
  }
}

base::Result<int64_t> SqliteStoreImpl::Count(model::Kind kind) {
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, kCountLive));
  stmt.BindText(1, model::KindName(kind));
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("count records"));
  if (!row) return base::InternalError("count returned no row");
  return stmt.ColumnInt64(0);
}

base::Result<int64_t> SqliteStoreImpl::LeafCount() {
  VKA_ASSIGN_OR_RETURN(Statement stmt,
                       Statement::Prepare(conn_, "SELECT COALESCE(MAX(seq) + 1, 0) FROM log_leaves"));
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("count log leaves"));
  if (!row) return base::InternalError("count returned no row");
  return stmt.ColumnInt64(0);
}

base::Result<int64_t> SqliteStoreImpl::RevisionCount() {
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, "SELECT COUNT(*) FROM revisions"));
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("count revisions"));
  if (!row) return base::InternalError("count returned no row");
  return stmt.ColumnInt64(0);
}

base::Status SqliteStoreImpl::ForEachLeaf(int64_t from,
                                          const std::function<base::Status(const LogLeaf&)>& fn) {
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn_, "SELECT seq, entry, ref FROM log_leaves WHERE seq >= ?1 ORDER BY seq"));
  stmt.BindInt64(1, from);
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read log leaves"));
    if (!row) return base::OkStatus();
    VKA_RETURN_IF_ERROR(fn({stmt.ColumnInt64(0), stmt.ColumnBlob(1), stmt.ColumnText(2)}));
  }
}

base::Result<std::vector<LogLeaf>> SqliteStoreImpl::LeavesFor(const std::string& ref) {
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn_, "SELECT seq, entry, ref FROM log_leaves WHERE ref = ?1 ORDER BY seq"));
  stmt.BindText(1, ref);
  std::vector<LogLeaf> out;
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read log leaves"));
    if (!row) return out;
    out.push_back({stmt.ColumnInt64(0), stmt.ColumnBlob(1), stmt.ColumnText(2)});
  }
}

base::Status SqliteStoreImpl::ForEachChangedSince(
    int64_t from, const std::function<base::Status(const Revision&)>& fn) {
  // The record ids of revision leaves ("id@rev") from `from` on, distinct.
  std::string sql = WithColumns(
      " FROM heads h JOIN revisions r ON r.id = h.id AND r.rev = h.rev"
      " WHERE h.id IN (SELECT substr(ref, 1, instr(ref, '@') - 1) FROM log_leaves"
      " WHERE seq >= ?1 AND instr(ref, '@') > 1) ORDER BY h.id");
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, sql));
  stmt.BindInt64(1, from);
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read changed records"));
    if (!row) return base::OkStatus();
    VKA_ASSIGN_OR_RETURN(Revision rev, ReadRevision(stmt));
    VKA_RETURN_IF_ERROR(sealer_.Unseal(rev));
    VKA_RETURN_IF_ERROR(fn(rev));
  }
}

base::Result<std::optional<EvidenceFile>> SqliteStoreImpl::GetEvidenceFile(
    const std::string& sha256) {
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn_, std::string(kSelectEvidenceFile) + " WHERE sha256 = ?1"));
  stmt.BindText(1, sha256);
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read evidence file"));
  if (!row) return std::optional<EvidenceFile>();
  return std::optional<EvidenceFile>(ReadEvidenceFile(stmt));
}

base::Result<std::vector<EvidenceFile>> SqliteStoreImpl::ListEvidenceFiles(
    const std::string& source) {
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn_, std::string(kSelectEvidenceFile) +
                                    " WHERE ?1 = '' OR source = ?1 ORDER BY added_at, sha256"));
  stmt.BindText(1, source);
  std::vector<EvidenceFile> out;
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("list evidence files"));
    if (!row) return out;
    out.push_back(ReadEvidenceFile(stmt));
  }
}

// ---- SqliteStoreImpl: data keys ----

base::Result<std::vector<DataKeyInfo>> SqliteStoreImpl::DataKeys() { return sealer_.Keys(); }

base::Result<RotationResult> SqliteStoreImpl::RotateDataKey(const DataKey& key,
                                                            const std::string& at) {
  // secure_delete zeroes what the rotation frees: old ciphertexts, and
  // values stored in clear by an older vka.
  VKA_RETURN_IF_ERROR(conn_.Exec("PRAGMA secure_delete = ON", "turn on secure delete"));
  base::Result<RotationResult> result = [&]() -> base::Result<RotationResult> {
    VKA_ASSIGN_OR_RETURN(auto txn, Begin());
    VKA_ASSIGN_OR_RETURN(RotationResult done, sealer_.Rotate(key, at));
    VKA_RETURN_IF_ERROR(txn->Commit());
    return done;
  }();
  conn_.Exec("PRAGMA secure_delete = OFF", "turn off secure delete").IgnoreError();
  sealer_.StartTransaction();  // after a rollback the registered key is gone
  if (!result.ok()) return result;
  // Copies the new pages into the database file and empties the WAL, which
  // held the old ones; a reader still using the WAL leaves it in place.
  auto checkpoint = Statement::Prepare(conn_, "PRAGMA wal_checkpoint(TRUNCATE)");
  if (checkpoint.ok()) {
    auto row = checkpoint->Step("checkpoint");
    result->wal_truncated = row.ok() && *row && checkpoint->ColumnInt64(0) == 0 &&
                            checkpoint->ColumnInt64(1) == 0;
  }
  return result;
}

// ---- Open ----

// Turns on WAL (a no-op when it already is) and the per-connection settings.
base::Status Configure(const Connection& conn, bool read_only) {
  sqlite3_busy_timeout(conn.get(), kBusyTimeoutMillis);
  if (!read_only) {
    VKA_ASSIGN_OR_RETURN(Statement stmt,
                         Statement::Prepare(conn, "PRAGMA journal_mode = WAL"));
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("set journal mode"));
    if (!row || stmt.ColumnText(0) != "wal") {
      return base::IOError("cannot enable write-ahead logging on '" +
                           conn.path() +
                           "' (the file system may not support it)");
    }
  }
  return conn.Exec(kSettings, "configure database");
}

base::Status CheckExists(const std::string& path) {
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (!ec && !exists) {
    return base::NotFoundError("no workspace database at '" + path + "'");
  }
  return base::OkStatus();  // on ec, let SQLite report the real error
}

}  // namespace

base::Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(
    const std::string& path, OpenOptions options) {
  if (!options.create_if_missing || options.read_only) {
    VKA_RETURN_IF_ERROR(CheckExists(path));
  }
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE;
    if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  }
  VKA_ASSIGN_OR_RETURN(Connection conn, Connection::Open(path, flags));
  VKA_RETURN_IF_ERROR(Configure(conn, options.read_only));
  VKA_RETURN_IF_ERROR(
      ApplyMigrations(conn.get(), Migrations(), options.read_only));
  auto store = std::make_unique<SqliteStoreImpl>(std::move(conn), options.read_only,
                                                 std::move(options.data_keys));
  VKA_RETURN_IF_ERROR(store->PrepareStatements());
  return std::unique_ptr<SqliteStore>(std::move(store));
}

}  // namespace vka::storage
