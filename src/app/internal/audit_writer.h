#pragma once

// Writing audit entries inside an account transaction, for the use cases
// whose change and audit entry must commit together (app/users.cc), and the
// commitment their log leaves hold (docs/formats/log.md, type 0x04).

#include <string>

#include "app/audit.h"
#include "base/status.h"
#include "storage/accounts.h"

namespace vka::app::internal {

// The canonical JSON the leaf commits to: the entry's at, actor, action,
// target, detail and remote_addr (RFC 8785; seq is not in it: the leaf's
// position orders the entries).
std::string AuditCommitmentBody(const storage::AuditRow& row);

// Stamps the entry (at = now; seq and at of `entry` are ignored), draws a 32-byte salt and appends
// the row and its leaf 0x04 ‖ SHA-256(salt ‖ body) in txn. kInvalidArgument
// for an entry without actor or action, or with a text over 1,000 bytes or
// with control characters (entries must stay short and printable).
base::Result<storage::AuditRow> AppendAuditIn(storage::AccountTransaction& txn,
                                              const AuditEntry& entry);

}  // namespace vka::app::internal
