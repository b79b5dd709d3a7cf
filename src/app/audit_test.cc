#include "app/audit.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>

#include "app/log.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

using base::StatusCode;

class AuditTest : public testing::WorkspaceTest {
 protected:
  AuditEntry Read(const std::string& target) {
    AuditEntry entry;
    entry.actor = "ana";
    entry.action = "record.read";
    entry.target = target;
    entry.detail = "sealed";
    entry.remote_addr = "192.0.2.10";
    return entry;
  }

  // Runs SQL on the workspace database past vka (as an attacker with the file would).
  void Tamper(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(dir_->Join("ws/vka.db").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
        << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
};

TEST_F(AuditTest, AppendsEntriesWithSequenceTimeAndALogLeaf) {
  ASSERT_TRUE(AppendAudit(*ws_, Read("per_01SEALED")).ok());
  ASSERT_TRUE(AppendAudit(*ws_, Read("per_01OTHER")).ok());
  auto entries = QueryAudit(*ws_, {});
  ASSERT_TRUE(entries.ok()) << entries.status().ToString();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].seq, 1);
  EXPECT_EQ((*entries)[1].seq, 2);
  EXPECT_EQ((*entries)[0].target, "per_01SEALED");
  EXPECT_EQ((*entries)[0].at.size(), 24u);  // 2026-11-29T12:00:00.000Z
  auto leaves = ws_->store().LeavesFor("audit:1");
  ASSERT_TRUE(leaves.ok());
  ASSERT_EQ(leaves->size(), 1u);
  const std::string& entry = (*leaves)[0].entry;
  ASSERT_EQ(entry.size(), 33u);
  EXPECT_EQ(entry[0], '\x04');
  // The leaf reveals nothing: neither the target nor the actor is in it.
  EXPECT_EQ(entry.find("per_01SEALED"), std::string::npos);
  EXPECT_TRUE(CheckAuditLeaf(*ws_, (*leaves)[0]).ok());
}

TEST_F(AuditTest, WaitsForAnotherWritersShortTransaction) {
  auto other = Workspace::Open(dir_->Join("ws"));  // another writer, as another process would be
  ASSERT_TRUE(other.ok());
  auto txn = (*other)->store().Begin();
  ASSERT_TRUE(txn.ok());
  std::thread writer([&txn] {
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    txn->reset();  // ends the other writer's transaction
  });
  base::Status appended = AppendAudit(*ws_, Read("per_01SEALED"));
  writer.join();
  ASSERT_TRUE(appended.ok()) << appended.ToString();
  EXPECT_EQ(QueryAudit(*ws_, {})->size(), 1u);
}

TEST_F(AuditTest, RefusesMalformedEntriesAndWritesNothing) {
  AuditEntry no_actor = Read("x");
  no_actor.actor.clear();
  EXPECT_EQ(AppendAudit(*ws_, no_actor).code(), StatusCode::kInvalidArgument);
  AuditEntry control = Read("line\nbreak");
  EXPECT_EQ(AppendAudit(*ws_, control).code(), StatusCode::kInvalidArgument);
  AuditEntry huge = Read(std::string(1001, 'x'));
  EXPECT_EQ(AppendAudit(*ws_, huge).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(QueryAudit(*ws_, {})->empty());
  EXPECT_EQ(*ws_->store().LeafCount(), 0);
}

TEST_F(AuditTest, QueryFiltersAndValidatesSince) {
  AuditEntry noon = Read("per_B");
  noon.actor = "ben";
  noon.at = "1999-01-01T00:00:00.000Z";  // ignored: the time of appending counts
  setenv("VKA_FAKE_NOW", "2026-01-01T00:00:00.000Z", 1);
  ASSERT_TRUE(AppendAudit(*ws_, Read("per_A")).ok());
  setenv("VKA_FAKE_NOW", "2026-06-01T12:00:00.000Z", 1);
  ASSERT_TRUE(AppendAudit(*ws_, noon).ok());
  unsetenv("VKA_FAKE_NOW");
  EXPECT_EQ(QueryAudit(*ws_, {.since = "2026-06-01"})->size(), 1u);
  EXPECT_EQ(QueryAudit(*ws_, {.since = "2026-06-01T12:00:00Z"})->size(), 1u);  // inclusive
  EXPECT_EQ(QueryAudit(*ws_, {.actor = "ben"})->size(), 1u);
  EXPECT_EQ(QueryAudit(*ws_, {.target = "per_A"})->size(), 1u);
  EXPECT_EQ(QueryAudit(*ws_, {.action = "record"})->size(), 2u);
  EXPECT_EQ(QueryAudit(*ws_, {.since = "yesterday"}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(AuditTest, VerifyPassesWithAuditEntriesAndFindsAnAlteredOne) {
  ASSERT_TRUE(AppendAudit(*ws_, Read("per_01SEALED")).ok());
  ASSERT_TRUE(AppendAudit(*ws_, Read("per_01OTHER")).ok());
  auto verified = VerifyWorkspace(*ws_, /*quick=*/false, nullptr);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_NE(verified->find("2 audit entries"), std::string::npos) << *verified;
  Tamper("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone' WHERE seq = 2");
  auto altered = VerifyWorkspace(*ws_, false, nullptr);
  EXPECT_EQ(altered.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(altered.status().message().find("audit entry 2: altered"), std::string::npos)
      << altered.status().message();
}

TEST_F(AuditTest, VerifyFindsARemovedEntry) {
  ASSERT_TRUE(AppendAudit(*ws_, Read("per_01SEALED")).ok());
  ASSERT_TRUE(PublishLog(*ws_).ok());
  Tamper("PRAGMA foreign_keys = OFF; DROP TRIGGER audit_no_delete; DELETE FROM audit");
  auto removed = VerifyWorkspace(*ws_, false, nullptr);
  EXPECT_EQ(removed.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(removed.status().message().find("audit entry removed"), std::string::npos)
      << removed.status().message();
}

}  // namespace
}  // namespace vka::app
