#pragma once

// The SQLite implementation of storage::AccountStore: tables users,
// sessions, login_failures and audit (migration 5) in the workspace's vka.db,
// on a connection of its own.

#include <memory>
#include <string>

#include "base/status.h"
#include "storage/accounts.h"

namespace vka::storage {

// Opens the account store of the database at path (which must exist; it is
// migrated to the latest schema like SqliteStore::Open). Its connection
// waits up to five seconds for another writer's lock, so a sign-in or an
// audit entry waits out a short write instead of failing. Returns kNotFound
// for a missing file, otherwise the errors of SqliteStore::Open.
//
// Thread-compatible: one store per thread. Reads on the store while its own
// transaction is open see that transaction's writes (same connection). A
// transaction of this store and one of a SqliteStore on the same file
// exclude each other: do not open one while holding the other in the same
// thread (the second waits out the busy timeout and gets kUnavailable).
base::Result<std::unique_ptr<AccountStore>> OpenSqliteAccountStore(const std::string& path);

}  // namespace vka::storage
