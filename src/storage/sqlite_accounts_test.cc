#include "storage/sqlite_accounts.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <memory>
#include <string>

#include "storage/sqlite_store.h"
#include "testing/scoped_temp_dir.h"

namespace vka::storage {
namespace {

using base::StatusCode;

class SqliteAccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = testing::ScopedTempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_ = std::make_unique<testing::ScopedTempDir>(std::move(*dir));
    path_ = dir_->Join("vka.db");
    auto store = SqliteStore::Open(path_, {});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    auto accounts = OpenSqliteAccountStore(path_);
    ASSERT_TRUE(accounts.ok()) << accounts.status().ToString();
    accounts_ = std::move(*accounts);
  }

  std::unique_ptr<AccountTransaction> Begin() {
    auto txn = accounts_->Begin();
    EXPECT_TRUE(txn.ok()) << txn.status().ToString();
    return txn.ok() ? std::move(*txn) : nullptr;
  }

  static UserRow User(const std::string& name) {
    UserRow user;
    user.name = name;
    user.role = "viewer";
    user.password_hash = "$argon2id$fake";
    user.created_at = "2026-11-29T12:00:00.000Z";
    return user;
  }

  AuditRow Append(const std::string& actor, const std::string& action, const std::string& at) {
    auto txn = Begin();
    AuditRow row;
    row.at = at;
    row.actor = actor;
    row.action = action;
    row.target = "per_01TARGET";
    row.salt = std::string(32, 's');
    auto stored = txn->AppendAudit(row, std::string(33, '\x04'));
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_TRUE(txn->Commit().ok());
    return stored.ok() ? *stored : AuditRow{};
  }

  // Runs raw SQL on a separate connection; returns the SQLite result code.
  int RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }

  std::unique_ptr<testing::ScopedTempDir> dir_;
  std::string path_;
  std::unique_ptr<SqliteStore> store_;
  std::unique_ptr<AccountStore> accounts_;
};

TEST_F(SqliteAccountsTest, AddsReadsAndUpdatesUsers) {
  auto txn = Begin();
  ASSERT_TRUE(txn->InsertUser(User("bob")).ok());
  ASSERT_TRUE(txn->InsertUser(User("alice")).ok());
  EXPECT_EQ(txn->InsertUser(User("bob")).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(txn->InsertUser(User("BOB")).code(), StatusCode::kAlreadyExists);  // case-blind
  UserRow changed = User("bob");
  changed.locked = true;
  changed.totp_secret = std::string("\x00\x01seed", 6);
  ASSERT_TRUE(txn->UpdateUser(changed).ok());
  EXPECT_EQ(txn->UpdateUser(User("carol")).code(), StatusCode::kNotFound);
  ASSERT_TRUE(txn->Commit().ok());
  auto users = accounts_->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "alice");
  EXPECT_TRUE((*users)[1].locked);
  EXPECT_EQ((*users)[1].totp_secret, std::string("\x00\x01seed", 6));
  EXPECT_TRUE((*users)[0].totp_secret.empty());
}

TEST_F(SqliteAccountsTest, UncommittedTransactionLeavesNothing) {
  {
    auto txn = Begin();
    ASSERT_TRUE(txn->InsertUser(User("bob")).ok());
  }
  auto user = accounts_->GetUser("bob");
  ASSERT_TRUE(user.ok());
  EXPECT_FALSE(user->has_value());
}

TEST_F(SqliteAccountsTest, AuditEntriesGetSequenceNumbersAndLogLeaves) {
  AuditRow first = Append("cli:ana", "user.add", "2026-11-29T12:00:00.000Z");
  AuditRow second = Append("ana", "login.ok", "2026-11-29T12:01:00.000Z");
  EXPECT_EQ(first.seq, 1);
  EXPECT_EQ(second.seq, 2);
  EXPECT_EQ(first.leaf_seq, 0);
  EXPECT_EQ(second.leaf_seq, 1);
  auto leaves = store_->LeavesFor("audit:2");
  ASSERT_TRUE(leaves.ok());
  ASSERT_EQ(leaves->size(), 1u);
  EXPECT_EQ((*leaves)[0].seq, 1);
  auto count = accounts_->AuditCount();
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count, 2);
}

TEST_F(SqliteAccountsTest, AuditTableRefusesUpdateAndDelete) {
  Append("cli:ana", "user.add", "2026-11-29T12:00:00.000Z");
  EXPECT_EQ(RawExec("UPDATE audit SET actor = 'mallory'") & 0xff, SQLITE_CONSTRAINT);
  EXPECT_EQ(RawExec("DELETE FROM audit") & 0xff, SQLITE_CONSTRAINT);
  auto row = accounts_->GetAudit(1);
  ASSERT_TRUE(row.ok());
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->actor, "cli:ana");
}

TEST_F(SqliteAccountsTest, QueriesAuditByActorActionPrefixTargetSinceAndLimit) {
  Append("ana", "login.ok", "2026-11-29T12:00:00.000Z");
  Append("ana", "login.fail", "2026-11-29T12:01:00.000Z");
  Append("ben", "record.read", "2026-11-29T12:02:00.000Z");
  Append("ana", "logout", "2026-11-29T12:03:00.000Z");
  auto by_ana = accounts_->QueryAudit({.actor = "ana"});
  ASSERT_TRUE(by_ana.ok());
  EXPECT_EQ(by_ana->size(), 3u);
  auto logins = accounts_->QueryAudit({.action_prefix = "login"});
  ASSERT_TRUE(logins.ok());
  EXPECT_EQ(logins->size(), 2u);
  auto wildcard = accounts_->QueryAudit({.action_prefix = "login%"});
  ASSERT_TRUE(wildcard.ok());
  EXPECT_TRUE(wildcard->empty());  // '%' is literal
  auto since = accounts_->QueryAudit({.since = "2026-11-29T12:02:00.000Z"});
  ASSERT_TRUE(since.ok());
  EXPECT_EQ(since->size(), 2u);
  auto newest = accounts_->QueryAudit({.limit = 2});
  ASSERT_TRUE(newest.ok());
  ASSERT_EQ(newest->size(), 2u);
  EXPECT_EQ((*newest)[0].seq, 3);  // the newest two, oldest first
  EXPECT_EQ((*newest)[1].seq, 4);
  auto none = accounts_->QueryAudit({.target = "per_OTHER"});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(SqliteAccountsTest, SessionsAreStoredByTokenHashAndExpire) {
  auto txn = Begin();
  ASSERT_TRUE(txn->InsertUser(User("bob")).ok());
  const std::string old_token(32, 'a');
  const std::string new_token(32, 'b');
  ASSERT_TRUE(txn->InsertSession({old_token, "bob", 1000, 1000, "192.0.2.1"}).ok());
  ASSERT_TRUE(txn->InsertSession({new_token, "bob", 5000, 5000, "192.0.2.1"}).ok());
  ASSERT_TRUE(txn->TouchSession(new_token, 9000).ok());
  ASSERT_TRUE(txn->DeleteExpiredSessions(/*created_before_ms=*/0, /*seen_before_ms=*/2000).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto gone = accounts_->GetSession(old_token);
  ASSERT_TRUE(gone.ok());
  EXPECT_FALSE(gone->has_value());
  auto kept = accounts_->GetSession(new_token);
  ASSERT_TRUE(kept.ok());
  ASSERT_TRUE(kept->has_value());
  EXPECT_EQ((*kept)->last_seen_ms, 9000);
  EXPECT_EQ((*kept)->user, "bob");
}

TEST_F(SqliteAccountsTest, CountsFailuresPerScopeAndKey) {
  auto txn = Begin();
  ASSERT_TRUE(txn->SetFailures(FailureScope::kName, "k", {3, 1234}).ok());
  ASSERT_TRUE(txn->SetFailures(FailureScope::kAddress, "k", {1, 99}).ok());
  ASSERT_TRUE(txn->SetFailures(FailureScope::kName, "k", {4, 2000}).ok());
  ASSERT_TRUE(txn->Commit().ok());
  auto name = accounts_->GetFailures(FailureScope::kName, "k");
  ASSERT_TRUE(name.ok());
  EXPECT_EQ(name->failures, 4);
  EXPECT_EQ(name->last_ms, 2000);
  txn = Begin();
  ASSERT_TRUE(txn->ClearFailures(FailureScope::kName, "k").ok());
  ASSERT_TRUE(txn->Commit().ok());
  EXPECT_EQ(accounts_->GetFailures(FailureScope::kName, "k")->failures, 0);
  EXPECT_EQ(accounts_->GetFailures(FailureScope::kAddress, "k")->failures, 1);
}

}  // namespace
}  // namespace vka::storage
