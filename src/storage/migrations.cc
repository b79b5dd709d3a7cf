#include "storage/migrations.h"

#include <sqlite3.h>

#include <array>
#include <string>

#include "storage/internal/sqlite_util.h"

namespace vka::storage {
namespace {

// Version 1: immutable revisions, derived heads, meta. heads has no foreign
// key to revisions: only Append writes it, right after the revision, and
// the key check cost a quarter of the time of a large import.
constexpr std::string_view kSchemaV1 = R"sql(
CREATE TABLE revisions(
  id TEXT NOT NULL,
  rev INTEGER NOT NULL CHECK (rev >= 1),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  "by" TEXT NOT NULL,
  reason TEXT NOT NULL,
  body TEXT NOT NULL,
  salt BLOB NOT NULL,
  deleted INTEGER NOT NULL CHECK (deleted IN (0, 1)),
  PRIMARY KEY (id, rev)
) WITHOUT ROWID;
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TRIGGER revisions_no_delete BEFORE DELETE ON revisions
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
CREATE TABLE heads(
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  rev INTEGER NOT NULL,
  deleted INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX heads_by_kind ON heads(kind, deleted, id);
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
)sql";

// Version 2: the transparency log's leaves (docs/formats/log.md), written in
// the same transaction as what they commit to; the tiles under log/ are
// published from this table. seq is the 0-based leaf index.
constexpr std::string_view kSchemaV2 = R"sql(
CREATE TABLE log_leaves(
  seq INTEGER PRIMARY KEY CHECK (seq >= 0),
  entry BLOB NOT NULL,
  ref TEXT NOT NULL
);
CREATE INDEX log_leaves_by_ref ON log_leaves(ref);
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves
BEGIN SELECT RAISE(ABORT, 'log leaves are immutable'); END;
CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves
BEGIN SELECT RAISE(ABORT, 'log leaves are immutable'); END;
)sql";

// Version 3: evidence file metadata (the bytes are content-addressed under
// blobs/). Rows are immutable like revisions: what was received, from which
// source and when, never changes; corrections are custody events or notes.
constexpr std::string_view kSchemaV3 = R"sql(
CREATE TABLE evidence_files(
  sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
  size INTEGER NOT NULL CHECK (size >= 0),
  mime TEXT,
  original_name TEXT,
  original_mtime TEXT,
  source TEXT NOT NULL,
  captured_at TEXT,
  captured_by TEXT,
  captured_where TEXT,
  note TEXT,
  derived_from TEXT,
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX evidence_files_by_source ON evidence_files(source, added_at);
CREATE TRIGGER evidence_files_no_update BEFORE UPDATE ON evidence_files
BEGIN SELECT RAISE(ABORT, 'evidence files are immutable'); END;
CREATE TRIGGER evidence_files_no_delete BEFORE DELETE ON evidence_files
BEGIN SELECT RAISE(ABORT, 'evidence files are immutable'); END;
)sql";

// Version 4: metadata extracted from the content at ingest (EXIF capture
// time, camera and GPS of images; page count of PDFs) and a note on why it
// is missing or partial. Rows added before this version have NULLs.
constexpr std::string_view kSchemaV4 = R"sql(
ALTER TABLE evidence_files ADD COLUMN exif_taken_at TEXT;
ALTER TABLE evidence_files ADD COLUMN camera_make TEXT;
ALTER TABLE evidence_files ADD COLUMN camera_model TEXT;
ALTER TABLE evidence_files ADD COLUMN gps_lat REAL CHECK (gps_lat BETWEEN -90 AND 90);
ALTER TABLE evidence_files ADD COLUMN gps_lon REAL CHECK (gps_lon BETWEEN -180 AND 180);
ALTER TABLE evidence_files ADD COLUMN page_count INTEGER CHECK (page_count >= 0);
ALTER TABLE evidence_files ADD COLUMN metadata_note TEXT;
)sql";

// Version 5: accounts, sessions, login throttling and the audit trail
// (app/users.h, app/audit.h, storage/accounts.h, docs/security.md).
// password_hash is a libsodium crypto_pwhash_str string (Argon2id, with its
// own salt and limits); user names are unique regardless of case; sessions
// keep only the SHA-256 of their token. Audit
// entries are immutable like revisions, and each has a log leaf (type 0x04).
constexpr std::string_view kSchemaV5 = R"sql(
CREATE TABLE users(
  name TEXT PRIMARY KEY COLLATE NOCASE,
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  must_change_password INTEGER NOT NULL CHECK (must_change_password IN (0, 1)),
  disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
  locked INTEGER NOT NULL CHECK (locked IN (0, 1)),
  totp_secret BLOB,
  totp_pending BLOB,
  totp_last_step INTEGER NOT NULL,
  created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sessions(
  token_sha256 BLOB PRIMARY KEY CHECK (length(token_sha256) = 32),
  user TEXT NOT NULL REFERENCES users(name),
  created_ms INTEGER NOT NULL,
  last_seen_ms INTEGER NOT NULL,
  remote_addr TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_by_user ON sessions(user);
CREATE TABLE login_failures(
  scope TEXT NOT NULL CHECK (scope IN ('name', 'addr')),
  key TEXT NOT NULL,
  failures INTEGER NOT NULL CHECK (failures >= 0),
  last_ms INTEGER NOT NULL,
  PRIMARY KEY (scope, key)
) WITHOUT ROWID;
CREATE TABLE audit(
  seq INTEGER PRIMARY KEY CHECK (seq >= 1),
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT NOT NULL,
  remote_addr TEXT NOT NULL,
  salt BLOB NOT NULL CHECK (length(salt) = 32),
  leaf_seq INTEGER NOT NULL UNIQUE REFERENCES log_leaves(seq)
);
CREATE INDEX audit_by_actor ON audit(actor, seq);
CREATE INDEX audit_by_action ON audit(action, seq);
CREATE INDEX audit_by_target ON audit(target, seq);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit entries are immutable'); END;
)sql";

// Version 7: sensitive values sealed at rest (docs/formats/encryption.md).
// A stored body holds a placeholder ("\u0000vka-sealed:<path>") for each
// sensitive value; its ciphertext is in sealed_values, which rotation
// re-encrypts in place (the only rows that change). revisions_no_update is
// narrowed to allow one change: replacing a body without placeholders by
// one with them (sealing values stored in clear by an older vka), all other
// columns equal. The store checks that the new body gives back the same
// bytes, so every commitment still holds.
constexpr std::string_view kSchemaV7 = R"sql(
CREATE TABLE data_keys(
  id TEXT PRIMARY KEY CHECK (length(id) = 16),
  key_check BLOB NOT NULL CHECK (length(key_check) = 32),
  created_at TEXT NOT NULL,
  retired_at TEXT
) WITHOUT ROWID;
CREATE UNIQUE INDEX data_keys_one_current ON data_keys(retired_at IS NULL)
  WHERE retired_at IS NULL;
CREATE TRIGGER data_keys_no_delete BEFORE DELETE ON data_keys
BEGIN SELECT RAISE(ABORT, 'data keys are never removed from the database'); END;
CREATE TABLE sealed_values(
  id TEXT NOT NULL,
  rev INTEGER NOT NULL,
  path TEXT NOT NULL,
  key_id TEXT NOT NULL REFERENCES data_keys(id),
  nonce BLOB NOT NULL CHECK (length(nonce) = 24),
  ciphertext BLOB NOT NULL,
  PRIMARY KEY (id, rev, path),
  FOREIGN KEY (id, rev) REFERENCES revisions(id, rev)
) WITHOUT ROWID;
CREATE INDEX sealed_values_by_key ON sealed_values(key_id);
CREATE TRIGGER sealed_values_no_delete BEFORE DELETE ON sealed_values
BEGIN SELECT RAISE(ABORT, 'sealed values are never removed'); END;
CREATE TRIGGER sealed_values_only_reencrypted BEFORE UPDATE OF id, rev, path ON sealed_values
BEGIN SELECT RAISE(ABORT, 'a sealed value may only be re-encrypted'); END;
DROP TRIGGER revisions_no_update;
CREATE TRIGGER revisions_no_update BEFORE UPDATE ON revisions
WHEN NOT (NEW.id IS OLD.id AND NEW.rev IS OLD.rev AND NEW.kind IS OLD.kind
          AND NEW.at IS OLD.at AND NEW."by" IS OLD."by" AND NEW.reason IS OLD.reason
          AND NEW.salt IS OLD.salt AND NEW.deleted IS OLD.deleted
          AND instr(OLD.body, '\u0000vka-sealed:') = 0
          AND instr(NEW.body, '\u0000vka-sealed:') > 0)
BEGIN SELECT RAISE(ABORT, 'revisions are immutable'); END;
)sql";

// Version 6 does nothing: it was set aside for the full-text search index,
// which ended up in its own file (WORKSPACE/index/search.db, app/search.h)
// rather than in vka.db. Kept so that version numbers never change meaning.
constexpr std::string_view kSchemaV6Reserved = "";

constexpr std::array<Migration, 7> kMigrations = {{
    {1, kSchemaV1},
    {2, kSchemaV2},
    {3, kSchemaV3},
    {4, kSchemaV4},
    {5, kSchemaV5},
    {6, kSchemaV6Reserved},
    {7, kSchemaV7},
}};

std::string PathOf(sqlite3* db) {
  const char* path = sqlite3_db_filename(db, "main");
  return path != nullptr ? path : "";
}

base::Status ExecSql(sqlite3* db, const std::string& sql,
                     std::string_view what) {
  int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return internal::SqliteError(db, rc, what, PathOf(db));
  return base::OkStatus();
}

base::Status CheckNumbering(std::span<const Migration> steps) {
  for (size_t idx = 0; idx < steps.size(); ++idx) {
    if (steps[idx].version != static_cast<int>(idx) + 1) {
      return base::InternalError(
          "migration list is not numbered 1..N at entry " +
          std::to_string(idx));
    }
  }
  return base::OkStatus();
}

// Applies the steps newer than `from`. REQUIRES: inside a transaction.
base::Status ApplySteps(sqlite3* db, std::span<const Migration> steps,
                        int from) {
  for (const Migration& step : steps) {
    if (step.version <= from) continue;
    std::string what = "apply schema migration " + std::to_string(step.version);
    base::Status status = ExecSql(db, std::string(step.sql), what);
    // A failing step is a bug in this build, not a property of the file.
    if (!status.ok()) return base::InternalError(status.message());
  }
  int latest = steps.empty() ? 0 : steps.back().version;
  return ExecSql(db, "PRAGMA user_version = " + std::to_string(latest),
                 "set schema version");
}

// Runs ApplySteps in one IMMEDIATE transaction, re-reading the version
// under the lock (another process may have migrated meanwhile).
base::Status MigrateLocked(sqlite3* db, std::span<const Migration> steps) {
  base::Status begin =
      ExecSql(db, "BEGIN IMMEDIATE", "lock database for migration");
  if (!begin.ok()) return begin;
  base::Status status = [&]() -> base::Status {
    VKA_ASSIGN_OR_RETURN(int current, SchemaVersion(db));
    VKA_RETURN_IF_ERROR(ApplySteps(db, steps, current));
    return ExecSql(db, "COMMIT", "commit schema migration");
  }();
  if (!status.ok()) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
  return status;
}

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations.back().version; }

base::Result<int> SchemaVersion(sqlite3* db) {
  sqlite3_stmt* raw = nullptr;
  int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &raw, nullptr);
  internal::StmtHandle stmt(raw);
  if (rc == SQLITE_OK) rc = sqlite3_step(stmt.get());
  if (rc != SQLITE_ROW) {
    return internal::SqliteError(db, rc, "read schema version", PathOf(db));
  }
  return sqlite3_column_int(stmt.get(), 0);
}

base::Status ApplyMigrations(sqlite3* db, std::span<const Migration> steps,
                             bool read_only) {
  VKA_RETURN_IF_ERROR(CheckNumbering(steps));
  int supported = steps.empty() ? 0 : steps.back().version;
  VKA_ASSIGN_OR_RETURN(int current, SchemaVersion(db));
  if (current > supported) {
    return base::FailedPreconditionError(
        "workspace schema version " + std::to_string(current) +
        " is newer than this vka supports (" + std::to_string(supported) +
        "); upgrade vka");
  }
  if (current == supported) return base::OkStatus();
  if (read_only) {
    return base::FailedPreconditionError(
        "workspace schema version " + std::to_string(current) +
        " is older than this vka's (" + std::to_string(supported) +
        "); open it once for writing to upgrade");
  }
  return MigrateLocked(db, steps);
}

}  // namespace vka::storage
