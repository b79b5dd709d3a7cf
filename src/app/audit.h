#pragma once

// The audit trail (issue 7 part 3): every change, every read of restricted or
// sealed data and every security event (login, failed login, lock-out, user
// changes, key rotation, export) as an append-only entry. Each entry is also a
// leaf of the transparency log, so removing one is detectable. Entries never
// expire. Entries never hold secrets or the values of sensitive fields: they
// name what was touched (record id, field path), not its content.

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

// Appends one entry (and its log leaf) in its own transaction.
base::Status AppendAudit(Workspace& ws, AuditEntry entry);

struct AuditQuery {
  std::string actor;   // "" = any
  std::string action;  // prefix; "" = any
  std::string target;  // "" = any
  std::string since;   // RFC 3339; "" = from the start
  int64_t limit = 100;
};
base::Result<std::vector<AuditEntry>> QueryAudit(Workspace& ws, const AuditQuery& query);

}  // namespace vka::app
