#pragma once

// Schema migrations for the SQLite record store. The schema version lives in
// PRAGMA user_version; migration N takes a database from version N-1 to N.
// To change the schema, append one entry to the list in migrations.cc and
// never edit an entry that has shipped.

#include <span>
#include <string_view>

#include "base/status.h"

struct sqlite3;

namespace vka::storage {

struct Migration {
  int version;           // 1, 2, 3, ... in order, without gaps
  std::string_view sql;  // one or more statements
};

// The migrations this build knows, in order.
std::span<const Migration> Migrations();

// The schema version this build writes (the last entry's version).
int LatestSchemaVersion();

// Reads PRAGMA user_version. Errors as storage::internal::SqliteError
// (a file that is not a database gives kDataLoss).
base::Result<int> SchemaVersion(sqlite3* db);

// Brings db to the last version in `steps`, applying every step newer than
// its user_version in one IMMEDIATE transaction, then setting user_version.
// A database already at that version is left untouched (no write, no lock).
// Returns:
//   kFailedPrecondition  the database is newer than the last step ("upgrade
//                        vka"), or it needs migrating and read_only is set;
//   kUnavailable         another writer holds the lock;
//   kInternal            `steps` is not numbered 1..N, or a step's SQL fails
//                        (the transaction is rolled back, version unchanged);
//   other codes as storage::internal::SqliteError.
// REQUIRES: db is open and no transaction is active on it.
// `steps` is a parameter so tests can inject a fake list; production code
// passes Migrations().
base::Status ApplyMigrations(sqlite3* db, std::span<const Migration> steps,
                             bool read_only);

}  // namespace vka::storage
