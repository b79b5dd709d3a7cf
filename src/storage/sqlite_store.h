#pragma once

// The SQLite implementation of storage::Store: one database file (vka.db in
// a workspace) in WAL mode with synchronous=FULL and foreign keys on. The
// schema is created and upgraded by storage/migrations.h at Open.
//
// Tables: `revisions` (immutable: triggers abort every UPDATE and DELETE)
// and `heads` (the latest revision of each record, kept by Append).

#include <memory>
#include <string>

#include "base/status.h"
#include "storage/data_key.h"
#include "storage/store.h"

namespace vka::storage {

struct OpenOptions {
  bool create_if_missing = true;
  bool read_only = false;
  // Where the store gets the data keys that seal sensitive values, when it
  // first needs each (app/keys.h reads WORKSPACE/keys/). Empty: none.
  DataKeyLoader data_keys;
};

// Thread-compatible, not thread-safe: one SqliteStore (one SQLite
// connection) per thread. Several SqliteStore objects, in one process or
// many, may share one file: readers never block, and only one of them at a
// time holds a write Transaction.
//
// Reads on the store while its own Transaction is open see that
// transaction's uncommitted writes (it is the same connection).
class SqliteStore : public Store {
 public:
  // Opens (and, with create_if_missing, creates) the database at path and
  // migrates it to the latest schema. Returns:
  //   kNotFound            path does not exist and create_if_missing is false;
  //   kIOError             it cannot be opened or created (e.g. a missing
  //                        directory), or the disk is full;
  //   kDataLoss            the file is not an SQLite database or is corrupt;
  //   kFailedPrecondition  its schema is newer than this build supports, or
  //                        it needs a migration and read_only is set;
  //   kUnavailable         a migration is needed but another writer holds
  //                        the lock.
  static base::Result<std::unique_ptr<SqliteStore>> Open(
      const std::string& path, OpenOptions options);

  // SQLite specifics of the Store methods (the rest is the Store contract):
  // - The store must outlive every Transaction it returns, and at most one
  //   Transaction per store is alive at a time.
  // - Begin: BEGIN IMMEDIATE. kUnavailable ("workspace is locked by another
  //   writer (...)") if another connection holds the write lock for longer
  //   than the busy timeout; kFailedPrecondition if the store is read-only
  //   or already has a live Transaction.
  // - Append: if it fails after writing (I/O error, disk full), the
  //   transaction is poisoned: Commit rolls back and returns that error.
  // - List: kInvalidArgument if a filter's field is not [a-z_][a-z0-9_.]*
  //   (a dot names a nested field: "origin.chain").
  // - ForEachCurrent: one prepared statement stepped row by row, so memory
  //   does not grow with the number of records. fn may read from the store
  //   but must not write.
  // - Sealing: tables data_keys and sealed_values (storage/internal/sealer.h).
  //   RotateDataKey runs with secure_delete on and then truncates the WAL
  //   when no reader holds it, so old ciphertexts and values stored in clear
  //   do not linger in free pages.
  ~SqliteStore() override = default;

 protected:
  SqliteStore() = default;
};

}  // namespace vka::storage
