#include "storage/sqlite_accounts.h"

#include <sqlite3.h>

#include <filesystem>
#include <string_view>
#include <system_error>
#include <utility>

#include "storage/internal/sqlite_util.h"
#include "storage/migrations.h"

namespace vka::storage {
namespace {

using internal::Connection;
using internal::Statement;

// Long enough to wait out a record write's commit; short enough that a
// sign-in during a million-record import fails clearly (kUnavailable).
constexpr int kBusyTimeoutMillis = 5000;
constexpr const char* kSettings = "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;";

constexpr std::string_view kSelectUser =
    "SELECT name, role, password_hash, disabled, locked, totp_secret, totp_pending, "
    "totp_last_step, created_at, must_change_password FROM users";
constexpr std::string_view kSelectAudit =
    "SELECT seq, at, actor, action, target, detail, remote_addr, salt, leaf_seq FROM audit";

std::string_view ScopeName(FailureScope scope) {
  return scope == FailureScope::kName ? "name" : "addr";
}

UserRow ReadUser(const Statement& stmt) {
  UserRow user;
  user.name = stmt.ColumnText(0);
  user.role = stmt.ColumnText(1);
  user.password_hash = stmt.ColumnText(2);
  user.disabled = stmt.ColumnInt64(3) != 0;
  user.locked = stmt.ColumnInt64(4) != 0;
  user.totp_secret = stmt.ColumnBlob(5);
  user.totp_pending = stmt.ColumnBlob(6);
  user.totp_last_step = stmt.ColumnInt64(7);
  user.created_at = stmt.ColumnText(8);
  user.must_change_password = stmt.ColumnInt64(9) != 0;
  return user;
}

AuditRow ReadAudit(const Statement& stmt) {
  AuditRow row;
  row.seq = stmt.ColumnInt64(0);
  row.at = stmt.ColumnText(1);
  row.actor = stmt.ColumnText(2);
  row.action = stmt.ColumnText(3);
  row.target = stmt.ColumnText(4);
  row.detail = stmt.ColumnText(5);
  row.remote_addr = stmt.ColumnText(6);
  row.salt = stmt.ColumnBlob(7);
  row.leaf_seq = stmt.ColumnInt64(8);
  return row;
}

// Binds a blob column that is NULL when empty.
void BindOptionalBlob(Statement& stmt, int idx, const std::string& bytes) {
  if (!bytes.empty()) stmt.BindBlob(idx, bytes);
}

// Binds the user's columns in the numbering both statements below use:
// ?1 name ... ?9 must_change_password, ?10 created_at.
void BindUser(Statement& stmt, const UserRow& user) {
  stmt.BindText(1, user.name);
  stmt.BindText(2, user.role);
  stmt.BindText(3, user.password_hash);
  stmt.BindInt64(4, user.disabled ? 1 : 0);
  stmt.BindInt64(5, user.locked ? 1 : 0);
  BindOptionalBlob(stmt, 6, user.totp_secret);
  BindOptionalBlob(stmt, 7, user.totp_pending);
  stmt.BindInt64(8, user.totp_last_step);
  stmt.BindInt64(9, user.must_change_password ? 1 : 0);
}

// Runs a one-row query and returns its first column as an integer.
base::Result<int64_t> QueryInt(const Connection& conn, std::string_view sql,
                               std::string_view what) {
  VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn, sql));
  VKA_ASSIGN_OR_RETURN(bool row, stmt.Step(what));
  if (!row) return base::InternalError(std::string(what) + " returned no row");
  return stmt.ColumnInt64(0);
}

class SqliteAccounts;

class SqliteAccountTransaction final : public AccountTransaction {
 public:
  explicit SqliteAccountTransaction(SqliteAccounts* store) : store_(store) {}
  ~SqliteAccountTransaction() override;

  base::Result<std::optional<UserRow>> GetUser(const std::string& name) override;
  base::Result<std::optional<SessionRow>> GetSession(const std::string& token_sha256) override;
  base::Result<FailureCount> GetFailures(FailureScope scope, const std::string& key) override;
  base::Status InsertUser(const UserRow& user) override;
  base::Status UpdateUser(const UserRow& user) override;
  base::Status InsertSession(const SessionRow& session) override;
  base::Status TouchSession(const std::string& token_sha256, int64_t last_seen_ms) override;
  base::Status DeleteSession(const std::string& token_sha256) override;
  base::Status DeleteSessionsOf(const std::string& user) override;
  base::Status DeleteExpiredSessions(int64_t created_before_ms, int64_t seen_before_ms) override;
  base::Status SetFailures(FailureScope scope, const std::string& key,
                           const FailureCount& count) override;
  base::Status ClearFailures(FailureScope scope, const std::string& key) override;
  base::Result<AuditRow> AppendAudit(AuditRow row, const std::string& leaf_entry) override;
  base::Status Commit() override;

 private:
  const Connection& conn() const;
  base::Status CheckOpen() const;

  SqliteAccounts* store_;
  bool finished_ = false;
};

class SqliteAccounts final : public AccountStore {
 public:
  explicit SqliteAccounts(Connection conn) : conn_(std::move(conn)) {}

  base::Result<std::unique_ptr<AccountTransaction>> Begin() override {
    if (in_transaction_) {
      return base::FailedPreconditionError("a transaction is already open on the account store");
    }
    int rc = sqlite3_exec(conn_.get(), "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
      return base::UnavailableError("workspace is locked by another writer (" + conn_.path() + ")");
    }
    if (rc != SQLITE_OK) return conn_.Error(rc, "begin transaction");
    in_transaction_ = true;
    return std::unique_ptr<AccountTransaction>(new SqliteAccountTransaction(this));
  }

  base::Status Finish(const char* sql, std::string_view what) {
    base::Status status = conn_.Exec(sql, what);
    if (!sqlite3_get_autocommit(conn_.get())) {
      sqlite3_exec(conn_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    in_transaction_ = false;
    return status;
  }

  base::Result<std::optional<UserRow>> GetUser(const std::string& name) override {
    VKA_ASSIGN_OR_RETURN(Statement stmt,
                         Statement::Prepare(conn_, std::string(kSelectUser) + " WHERE name = ?1"));
    stmt.BindText(1, name);
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read user"));
    if (!row) return std::optional<UserRow>();
    return std::optional<UserRow>(ReadUser(stmt));
  }

  base::Result<std::vector<UserRow>> ListUsers() override {
    VKA_ASSIGN_OR_RETURN(Statement stmt,
                         Statement::Prepare(conn_, std::string(kSelectUser) + " ORDER BY name"));
    std::vector<UserRow> out;
    while (true) {
      VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("list users"));
      if (!row) return out;
      out.push_back(ReadUser(stmt));
    }
  }

  base::Result<std::optional<SessionRow>> GetSession(const std::string& token_sha256) override {
    VKA_ASSIGN_OR_RETURN(
        Statement stmt,
        Statement::Prepare(conn_,
                           "SELECT token_sha256, user, created_ms, last_seen_ms, remote_addr "
                           "FROM sessions WHERE token_sha256 = ?1"));
    stmt.BindBlob(1, token_sha256);
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read session"));
    if (!row) return std::optional<SessionRow>();
    return std::optional<SessionRow>(SessionRow{stmt.ColumnBlob(0), stmt.ColumnText(1),
                                                stmt.ColumnInt64(2), stmt.ColumnInt64(3),
                                                stmt.ColumnText(4)});
  }

  base::Result<FailureCount> GetFailures(FailureScope scope, const std::string& key) override {
    VKA_ASSIGN_OR_RETURN(Statement stmt,
                         Statement::Prepare(conn_,
                                            "SELECT failures, last_ms FROM login_failures "
                                            "WHERE scope = ?1 AND key = ?2"));
    stmt.BindText(1, ScopeName(scope));
    stmt.BindText(2, key);
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read login failures"));
    if (!row) return FailureCount{};
    return FailureCount{stmt.ColumnInt64(0), stmt.ColumnInt64(1)};
  }

  base::Result<std::vector<AuditRow>> QueryAudit(const AuditFilter& filter) override {
    // The newest `limit` matches, returned oldest first. The action prefix
    // is matched with substr() rather than LIKE, so '%' and '_' are literal.
    std::string sql = "SELECT * FROM (" + std::string(kSelectAudit) +
                      " WHERE (?1 = '' OR actor = ?1)"
                      " AND (?2 = '' OR substr(action, 1, length(?2)) = ?2)"
                      " AND (?3 = '' OR target = ?3) AND (?4 = '' OR at >= ?4)"
                      " ORDER BY seq DESC LIMIT ?5) ORDER BY seq";
    VKA_ASSIGN_OR_RETURN(Statement stmt, Statement::Prepare(conn_, sql));
    stmt.BindText(1, filter.actor);
    stmt.BindText(2, filter.action_prefix);
    stmt.BindText(3, filter.target);
    stmt.BindText(4, filter.since);
    stmt.BindInt64(5, filter.limit > 0 ? filter.limit : -1);
    std::vector<AuditRow> out;
    while (true) {
      VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("query audit trail"));
      if (!row) return out;
      out.push_back(ReadAudit(stmt));
    }
  }

  base::Result<std::optional<AuditRow>> GetAudit(int64_t seq) override {
    VKA_ASSIGN_OR_RETURN(Statement stmt,
                         Statement::Prepare(conn_, std::string(kSelectAudit) + " WHERE seq = ?1"));
    stmt.BindInt64(1, seq);
    VKA_ASSIGN_OR_RETURN(bool row, stmt.Step("read audit entry"));
    if (!row) return std::optional<AuditRow>();
    return std::optional<AuditRow>(ReadAudit(stmt));
  }

  base::Result<int64_t> AuditCount() override {
    return QueryInt(conn_, "SELECT COUNT(*) FROM audit", "count audit entries");
  }

  base::Result<int64_t> AuditLeafCount() override {
    // A range on ref, so the log_leaves_by_ref index answers it (';' follows ':').
    return QueryInt(conn_,
                    "SELECT COUNT(*) FROM log_leaves WHERE ref >= 'audit:' AND ref < 'audit;'",
                    "count audit log leaves");
  }

  const Connection& conn() const { return conn_; }

 private:
  Connection conn_;
  bool in_transaction_ = false;
};

// ---- SqliteAccountTransaction ----

SqliteAccountTransaction::~SqliteAccountTransaction() {
  if (!finished_) store_->Finish("ROLLBACK", "roll back").IgnoreError();
}

const Connection& SqliteAccountTransaction::conn() const { return store_->conn(); }

base::Status SqliteAccountTransaction::CheckOpen() const {
  if (finished_) return base::FailedPreconditionError("transaction already finished");
  return base::OkStatus();
}

base::Result<std::optional<UserRow>> SqliteAccountTransaction::GetUser(const std::string& name) {
  return store_->GetUser(name);
}

base::Result<std::optional<SessionRow>> SqliteAccountTransaction::GetSession(
    const std::string& token_sha256) {
  return store_->GetSession(token_sha256);
}

base::Result<FailureCount> SqliteAccountTransaction::GetFailures(FailureScope scope,
                                                                 const std::string& key) {
  return store_->GetFailures(scope, key);
}

base::Status SqliteAccountTransaction::InsertUser(const UserRow& user) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(),
                         "INSERT INTO users(name, role, password_hash, disabled, locked, "
                         "totp_secret, totp_pending, totp_last_step, must_change_password, "
                         "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"));
  BindUser(stmt, user);
  stmt.BindText(10, user.created_at);
  base::Status status = stmt.Run("add user");
  if (status.code() == base::StatusCode::kAlreadyExists) {
    return base::AlreadyExistsError("user \"" + user.name + "\" already exists");
  }
  return status;
}

base::Status SqliteAccountTransaction::UpdateUser(const UserRow& user) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(),
                         "UPDATE users SET role = ?2, password_hash = ?3, disabled = ?4, "
                         "locked = ?5, totp_secret = ?6, totp_pending = ?7, totp_last_step = ?8, "
                         "must_change_password = ?9 WHERE name = ?1"));
  BindUser(stmt, user);
  VKA_RETURN_IF_ERROR(stmt.Run("update user"));
  if (sqlite3_changes(conn().get()) == 0) {
    return base::NotFoundError("no user \"" + user.name + "\"");
  }
  return base::OkStatus();
}

base::Status SqliteAccountTransaction::InsertSession(const SessionRow& session) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(),
                         "INSERT INTO sessions(token_sha256, user, created_ms, last_seen_ms, "
                         "remote_addr) VALUES (?1, ?2, ?3, ?4, ?5)"));
  stmt.BindBlob(1, session.token_sha256);
  stmt.BindText(2, session.user);
  stmt.BindInt64(3, session.created_ms);
  stmt.BindInt64(4, session.last_seen_ms);
  stmt.BindText(5, session.remote_addr);
  return stmt.Run("add session");
}

base::Status SqliteAccountTransaction::TouchSession(const std::string& token_sha256,
                                                    int64_t last_seen_ms) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(), "UPDATE sessions SET last_seen_ms = ?2 WHERE token_sha256 = ?1"));
  stmt.BindBlob(1, token_sha256);
  stmt.BindInt64(2, last_seen_ms);
  return stmt.Run("extend session");
}

base::Status SqliteAccountTransaction::DeleteSession(const std::string& token_sha256) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(Statement stmt,
                       Statement::Prepare(conn(), "DELETE FROM sessions WHERE token_sha256 = ?1"));
  stmt.BindBlob(1, token_sha256);
  return stmt.Run("end session");
}

base::Status SqliteAccountTransaction::DeleteSessionsOf(const std::string& user) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(Statement stmt,
                       Statement::Prepare(conn(), "DELETE FROM sessions WHERE user = ?1"));
  stmt.BindText(1, user);
  return stmt.Run("end the user's sessions");
}

base::Status SqliteAccountTransaction::DeleteExpiredSessions(int64_t created_before_ms,
                                                             int64_t seen_before_ms) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(),
                         "DELETE FROM sessions WHERE created_ms < ?1 OR last_seen_ms < ?2"));
  stmt.BindInt64(1, created_before_ms);
  stmt.BindInt64(2, seen_before_ms);
  return stmt.Run("remove expired sessions");
}

base::Status SqliteAccountTransaction::SetFailures(FailureScope scope, const std::string& key,
                                                   const FailureCount& count) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(),
                         "INSERT INTO login_failures(scope, key, failures, last_ms) "
                         "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(scope, key) DO UPDATE SET "
                         "failures = excluded.failures, last_ms = excluded.last_ms"));
  stmt.BindText(1, ScopeName(scope));
  stmt.BindText(2, key);
  stmt.BindInt64(3, count.failures);
  stmt.BindInt64(4, count.last_ms);
  return stmt.Run("count login failure");
}

base::Status SqliteAccountTransaction::ClearFailures(FailureScope scope, const std::string& key) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(), "DELETE FROM login_failures WHERE scope = ?1 AND key = ?2"));
  stmt.BindText(1, ScopeName(scope));
  stmt.BindText(2, key);
  return stmt.Run("clear login failures");
}

base::Result<AuditRow> SqliteAccountTransaction::AppendAudit(AuditRow row,
                                                             const std::string& leaf_entry) {
  VKA_RETURN_IF_ERROR(CheckOpen());
  VKA_ASSIGN_OR_RETURN(row.seq, QueryInt(conn(), "SELECT COALESCE(MAX(seq), 0) + 1 FROM audit",
                                         "number audit entry"));
  VKA_ASSIGN_OR_RETURN(
      row.leaf_seq,
      QueryInt(conn(), "SELECT COALESCE(MAX(seq) + 1, 0) FROM log_leaves", "number log leaf"));
  const std::string ref = AuditLeafRef(row.seq);
  VKA_ASSIGN_OR_RETURN(
      Statement leaf,
      Statement::Prepare(conn(), "INSERT INTO log_leaves(seq, entry, ref) VALUES (?1, ?2, ?3)"));
  leaf.BindInt64(1, row.leaf_seq);
  leaf.BindBlob(2, leaf_entry);
  leaf.BindText(3, ref);
  VKA_RETURN_IF_ERROR(leaf.Run("append log leaf"));
  VKA_ASSIGN_OR_RETURN(
      Statement stmt,
      Statement::Prepare(conn(),
                         "INSERT INTO audit(seq, at, actor, action, target, detail, remote_addr, "
                         "salt, leaf_seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"));
  stmt.BindInt64(1, row.seq);
  stmt.BindText(2, row.at);
  stmt.BindText(3, row.actor);
  stmt.BindText(4, row.action);
  stmt.BindText(5, row.target);
  stmt.BindText(6, row.detail);
  stmt.BindText(7, row.remote_addr);
  stmt.BindBlob(8, row.salt);
  stmt.BindInt64(9, row.leaf_seq);
  VKA_RETURN_IF_ERROR(stmt.Run("append audit entry"));
  return row;
}

base::Status SqliteAccountTransaction::Commit() {
  VKA_RETURN_IF_ERROR(CheckOpen());
  finished_ = true;
  return store_->Finish("COMMIT", "commit");
}

}  // namespace

base::Result<std::unique_ptr<AccountStore>> OpenSqliteAccountStore(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) {
    return base::NotFoundError("no workspace database at '" + path + "'");
  }
  VKA_ASSIGN_OR_RETURN(Connection conn,
                       Connection::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX));
  sqlite3_busy_timeout(conn.get(), kBusyTimeoutMillis);
  VKA_RETURN_IF_ERROR(conn.Exec(kSettings, "configure database"));
  VKA_RETURN_IF_ERROR(ApplyMigrations(conn.get(), Migrations(), /*read_only=*/false));
  return std::unique_ptr<AccountStore>(new SqliteAccounts(std::move(conn)));
}

}  // namespace vka::storage
