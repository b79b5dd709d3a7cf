#pragma once

// The account store: users, sessions, login-failure counters and the audit
// trail of the web server (app/users.h, app/audit.h, docs/security.md). It
// sits beside storage::Store, in the same database (schema migration 5), so
// a PostgreSQL backend can implement both interfaces.
//
// Contract shared by every implementation:
// - Writes happen inside a transaction (Begin .. Commit); a destroyed,
//   uncommitted transaction leaves the store as it was.
// - Audit rows are append-only: once written they are never changed or
//   removed (the SQLite tables refuse UPDATE and DELETE with triggers).
// - Each audit row is written with its transparency-log leaf, in the same
//   transaction, so the two cannot part.
// - Secrets are stored only as hashes (password_hash: Argon2id string;
//   sessions: SHA-256 of the token), except the TOTP seed, which the server
//   must read to check codes.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::storage {

struct UserRow {
  std::string name;                   // unique regardless of case ("Ana" = "ana")
  std::string role;                   // "admin", "lawyer", "documenter", "reviewer", "viewer"
  std::string password_hash;          // libsodium crypto_pwhash_str output
  bool must_change_password = false;  // set by someone else: temporary
  bool disabled = false;
  bool locked = false;          // by login throttling; cleared by an admin
  std::string totp_secret;      // raw seed bytes; empty: no second factor
  std::string totp_pending;     // seed of an enrolment awaiting its first code
  int64_t totp_last_step = -1;  // last accepted TOTP time step (no replays)
  std::string created_at;       // RFC 3339 UTC
};

struct SessionRow {
  std::string token_sha256;  // 32 bytes; the token itself is never stored
  std::string user;
  int64_t created_ms = 0;  // Unix milliseconds
  int64_t last_seen_ms = 0;
  std::string remote_addr;
};

// Consecutive failed sign-ins for one name (key: hex SHA-256 of the name,
// so mistyped passwords in the name field are not stored) or one remote
// address.
enum class FailureScope { kName, kAddress };
struct FailureCount {
  int64_t failures = 0;
  int64_t last_ms = 0;  // Unix milliseconds of the latest failure
};

struct AuditRow {
  int64_t seq = 0;  // 1, 2, 3, ...; assigned by AppendAudit
  std::string at;   // RFC 3339 UTC
  std::string actor;
  std::string action;
  std::string target;
  std::string detail;
  std::string remote_addr;
  std::string salt;      // 32 random bytes of the leaf commitment
  int64_t leaf_seq = 0;  // assigned by AppendAudit
};

struct AuditFilter {
  std::string actor;          // "" = any
  std::string action_prefix;  // "" = any; "login" matches "login.fail"
  std::string target;         // "" = any
  std::string since;          // RFC 3339; entries with at >= since; "" = all
  int64_t limit = 100;        // newest `limit` matches; <= 0: no limit
};

// Reads that a transaction may also need (they see its own writes).
class AccountReader {
 public:
  virtual ~AccountReader() = default;
  virtual base::Result<std::optional<UserRow>> GetUser(const std::string& name) = 0;
  virtual base::Result<std::optional<SessionRow>> GetSession(const std::string& token_sha256) = 0;
  // {0, 0} when there is no counter.
  virtual base::Result<FailureCount> GetFailures(FailureScope scope, const std::string& key) = 0;
};

class AccountTransaction : public AccountReader {
 public:
  ~AccountTransaction() override = default;  // rolls back if not committed

  // kAlreadyExists for a taken name.
  virtual base::Status InsertUser(const UserRow& user) = 0;
  // Replaces every column but name and created_at. kNotFound if absent.
  virtual base::Status UpdateUser(const UserRow& user) = 0;

  virtual base::Status InsertSession(const SessionRow& session) = 0;
  virtual base::Status TouchSession(const std::string& token_sha256, int64_t last_seen_ms) = 0;
  virtual base::Status DeleteSession(const std::string& token_sha256) = 0;
  virtual base::Status DeleteSessionsOf(const std::string& user) = 0;
  // Deletes sessions created before created_before_ms or last seen before
  // seen_before_ms.
  virtual base::Status DeleteExpiredSessions(int64_t created_before_ms, int64_t seen_before_ms) = 0;

  virtual base::Status SetFailures(FailureScope scope, const std::string& key,
                                   const FailureCount& count) = 0;
  virtual base::Status ClearFailures(FailureScope scope, const std::string& key) = 0;

  // Appends the log leaf `leaf_entry` (ref "audit:<seq>") and the audit row,
  // assigning row.seq and row.leaf_seq; returns the row as stored.
  virtual base::Result<AuditRow> AppendAudit(AuditRow row, const std::string& leaf_entry) = 0;

  virtual base::Status Commit() = 0;
};

class AccountStore : public AccountReader {
 public:
  ~AccountStore() override = default;

  // Starts the write transaction. kUnavailable if another writer holds the
  // database's write lock past the busy timeout.
  virtual base::Result<std::unique_ptr<AccountTransaction>> Begin() = 0;

  // Users ordered by name.
  virtual base::Result<std::vector<UserRow>> ListUsers() = 0;

  // Matching audit rows, oldest first (the newest filter.limit of them).
  virtual base::Result<std::vector<AuditRow>> QueryAudit(const AuditFilter& filter) = 0;
  // One audit row by seq, or nullopt.
  virtual base::Result<std::optional<AuditRow>> GetAudit(int64_t seq) = 0;
  virtual base::Result<int64_t> AuditCount() = 0;
  // Log leaves whose ref names an audit entry ("audit:...").
  virtual base::Result<int64_t> AuditLeafCount() = 0;
};

// The log reference of audit entry seq: "audit:<seq>".
inline std::string AuditLeafRef(int64_t seq) { return "audit:" + std::to_string(seq); }

}  // namespace vka::storage
