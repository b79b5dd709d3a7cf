#pragma once

// Thin RAII wrappers over the SQLite C API, and the one place where SQLite
// result codes become base::Status. Header-only: every function is small.
// Not thread-safe: a Connection and its Statements belong to one thread.

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace vka::storage::internal {

struct DbCloser {
  // sqlite3_close_v2 defers the close until every statement is finalized,
  // so destruction order between a connection and its statements is free.
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using StmtHandle = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

// Maps an SQLite result code (primary or extended) to a Status whose message
// reads "<what> '<path>': <sqlite message>".
//   BUSY, LOCKED                     -> kUnavailable
//   FULL                             -> kIOError ("disk full")
//   IOERR, CANTOPEN, PERM, READONLY  -> kIOError
//   CORRUPT, NOTADB                  -> kDataLoss
//   CONSTRAINT_PRIMARYKEY / _UNIQUE  -> kAlreadyExists
//   other CONSTRAINT (trigger, FK)   -> kFailedPrecondition
//   anything else                    -> kInternal
// db may be null (then the generic text for rc is used).
inline base::Status SqliteError(sqlite3* db, int rc, std::string_view what,
                                std::string_view path) {
  std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  std::string msg = std::string(what) + " '" + std::string(path) + "': ";
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return base::UnavailableError(msg + detail);
    case SQLITE_FULL:
      return base::IOError(msg + "disk full (" + detail + ")");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return base::IOError(msg + detail);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return base::DataLossError(msg + "database is corrupt (" + detail + ")");
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_PRIMARYKEY ||
          rc == SQLITE_CONSTRAINT_UNIQUE) {
        return base::AlreadyExistsError(msg + detail);
      }
      return base::FailedPreconditionError(msg + detail);
    default:
      return base::InternalError(msg + detail);
  }
}

// An open database connection, with the path kept for error messages.
class Connection {
 public:
  // Opens path with sqlite3_open_v2 flags (SQLITE_OPEN_EXRESCODE is added).
  // Errors as SqliteError; nothing is read from the file yet, so a corrupt
  // file is only detected by the first statement.
  static base::Result<Connection> Open(const std::string& path, int flags) {
    sqlite3* raw = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_EXRESCODE,
                             nullptr);
    DbHandle db(raw);  // sqlite3_open_v2 returns a handle even on failure
    if (rc != SQLITE_OK)
      return SqliteError(db.get(), rc, "open database", path);
    return Connection(std::move(db), path);
  }

  sqlite3* get() const { return db_.get(); }
  const std::string& path() const { return path_; }

  base::Status Error(int rc, std::string_view what) const {
    return SqliteError(db_.get(), rc, what, path_);
  }

  // Runs one or more statements that return no rows the caller needs.
  base::Status Exec(const char* sql, std::string_view what) const {
    int rc = sqlite3_exec(db_.get(), sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) return Error(rc, what);
    return base::OkStatus();
  }

 private:
  Connection(DbHandle db, std::string path)
      : db_(std::move(db)), path_(std::move(path)) {}

  DbHandle db_;
  std::string path_;
};

// A prepared statement. Bound text and blobs use SQLITE_STATIC: the caller
// keeps the bound buffers alive until the statement is reset.
// REQUIRES: the Connection's database handle outlives the Statement (moving
// the Connection object is fine).
class Statement {
 public:
  static base::Result<Statement> Prepare(const Connection& conn,
                                         std::string_view sql) {
    sqlite3_stmt* raw = nullptr;
    int rc =
        sqlite3_prepare_v3(conn.get(), sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    StmtHandle stmt(raw);
    if (rc != SQLITE_OK) return conn.Error(rc, "prepare statement");
    return Statement(std::move(stmt), conn.get(), conn.path());
  }

  // Parameter indexes are 1-based, as in SQLite.
  void BindText(int idx, std::string_view text) {
    sqlite3_bind_text(stmt_.get(), idx, text.data(),
                      static_cast<int>(text.size()), SQLITE_STATIC);
  }
  void BindBlob(int idx, std::string_view bytes) {
    // A non-null pointer keeps an empty blob from binding as NULL.
    static constexpr char kEmpty = 0;
    const char* data = bytes.empty() ? &kEmpty : bytes.data();
    sqlite3_bind_blob(stmt_.get(), idx, data, static_cast<int>(bytes.size()),
                      SQLITE_STATIC);
  }
  void BindInt64(int idx, int64_t value) {
    sqlite3_bind_int64(stmt_.get(), idx, value);
  }
  void BindDouble(int idx, double value) {
    sqlite3_bind_double(stmt_.get(), idx, value);
  }

  // Advances: true when a row is available, false when done.
  base::Result<bool> Step(std::string_view what) {
    int rc = sqlite3_step(stmt_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return SqliteError(db_, rc, what, path_);
  }

  // Steps a statement that returns no rows.
  base::Status Run(std::string_view what) {
    base::Result<bool> row = Step(what);
    return row.ok() ? base::OkStatus() : row.status();
  }

  // Makes the statement reusable and releases the bound buffers.
  void Reset() {
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
  }

  // Column indexes are 0-based, as in SQLite.
  std::string ColumnText(int col) const {
    const auto* text = sqlite3_column_text(stmt_.get(), col);
    if (text == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(text),
                       sqlite3_column_bytes(stmt_.get(), col));
  }
  // Valid until the next Step or Reset.
  std::string_view ColumnTextView(int col) const {
    const auto* text = sqlite3_column_text(stmt_.get(), col);
    if (text == nullptr) return {};
    return std::string_view(reinterpret_cast<const char*>(text),
                            sqlite3_column_bytes(stmt_.get(), col));
  }
  std::string ColumnBlob(int col) const {
    const void* blob = sqlite3_column_blob(stmt_.get(), col);
    if (blob == nullptr) return {};
    return std::string(static_cast<const char*>(blob),
                       sqlite3_column_bytes(stmt_.get(), col));
  }
  int64_t ColumnInt64(int col) const {
    return sqlite3_column_int64(stmt_.get(), col);
  }
  double ColumnDouble(int col) const {
    return sqlite3_column_double(stmt_.get(), col);
  }
  bool ColumnIsNull(int col) const {
    return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
  }

 private:
  Statement(StmtHandle stmt, sqlite3* db, std::string path)
      : stmt_(std::move(stmt)), db_(db), path_(std::move(path)) {}

  StmtHandle stmt_;
  sqlite3* db_;
  std::string path_;
};

// Resets a (cached) statement when the scope ends, on every return path.
class ScopedReset {
 public:
  explicit ScopedReset(Statement& stmt) : stmt_(stmt) {}
  ~ScopedReset() { stmt_.Reset(); }
  ScopedReset(const ScopedReset&) = delete;
  ScopedReset& operator=(const ScopedReset&) = delete;

 private:
  Statement& stmt_;
};

}  // namespace vka::storage::internal
