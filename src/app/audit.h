#pragma once

// The audit trail (issue 7 part 3): every change, every read of restricted or
// sealed data and every security event (login, failed login, lock-out, user
// changes, key rotation, export) as an append-only entry. Each entry is also a
// leaf of the transparency log, so removing one is detectable. Entries never
// expire. Entries never hold secrets or the values of sensitive fields: they
// name what was touched (record id, field path), not its content.

#include <cstdint>
#include <string>
#include <vector>

#include "app/workspace.h"
#include "base/status.h"

namespace vka::app {

struct AuditEntry {
  int64_t seq = 0;          // assigned on append
  std::string at;           // RFC 3339 UTC; assigned on append
  std::string actor;        // user name, or "cli:<actor>", or "anonymous"
  std::string action;       // "record.read", "record.edit", "login.fail", "export", ...
  std::string target;       // record id, evidence sha256, user name, ... ("" if none)
  std::string detail;       // short, non-sensitive context
  std::string remote_addr;  // "" for the command line
};

// Appends one entry (and its log leaf) in its own transaction on the
// workspace's account store (storage/accounts.h). The leaf is published by
// the next PublishLog (after any record write, `vka log checkpoint`, or the
// server's own call). kInvalidArgument for an entry without actor or
// action, or with a field over 1,000 bytes or with control characters;
// kUnavailable if another writer holds the database past five seconds.
// REQUIRES: no storage::Transaction of `ws` is open in this thread (it would
// hold the lock this waits for).
base::Status AppendAudit(Workspace& ws, AuditEntry entry);

struct AuditQuery {
  std::string actor;   // "" = any
  std::string action;  // prefix; "" = any
  std::string target;  // "" = any
  std::string since;   // RFC 3339; "" = from the start
  int64_t limit = 100;
};
// Matching entries, oldest first: the newest `limit` of them (limit <= 0:
// all). kInvalidArgument for a `since` that is not an RFC 3339 time.
base::Result<std::vector<AuditEntry>> QueryAudit(Workspace& ws, const AuditQuery& query);

// For `vka verify` (app/verify.cc). CheckAuditLeaf: the log leaf (type
// 0x04, ref "audit:<seq>") commits to the stored entry seq; kDataLoss naming
// the leaf when the entry is missing ("audit entry removed") or differs
// ("audit entry altered"). CheckAuditTrailLogged: every audit entry has its
// leaf (kDataLoss otherwise); returns the number of entries.
base::Status CheckAuditLeaf(Workspace& ws, const storage::LogLeaf& leaf);
base::Result<int64_t> CheckAuditTrailLogged(Workspace& ws);

}  // namespace vka::app
