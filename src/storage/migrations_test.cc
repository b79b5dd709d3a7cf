#include "storage/migrations.h"

#include <sqlite3.h>

#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/sqlite_store.h"
#include "testing/scoped_temp_dir.h"

namespace vka::storage {
namespace {

using base::StatusCode;

constexpr Migration kFakeV1 = {1, "CREATE TABLE a(x TEXT);"};
constexpr Migration kFakeV2 = {
    2, "ALTER TABLE a ADD COLUMN y TEXT; CREATE TABLE c(z);"};

// Each test works on a private in-memory database.
class MigrationsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
  }
  void TearDown() override { sqlite3_close(db_); }

  int Version() {
    auto version = SchemaVersion(db_);
    EXPECT_TRUE(version.ok()) << version.status().ToString();
    return version.ok() ? *version : -1;
  }
  bool TableExists(const std::string& name) {
    return Query(
               "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
               "name = '" +
               name + "'") == "1";
  }
  // The first column of the first row, as text ("" if none or on error).
  std::string Query(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    std::string out;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
        sqlite3_step(stmt) == SQLITE_ROW &&
        sqlite3_column_text(stmt, 0) != nullptr) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    return out;
  }
  void Exec(const std::string& sql) {
    ASSERT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr),
              SQLITE_OK)
        << sqlite3_errmsg(db_);
  }

  sqlite3* db_ = nullptr;
};

TEST_F(MigrationsTest, FreshDatabaseGetsLatestVersion) {
  ASSERT_TRUE(ApplyMigrations(db_, Migrations(), /*read_only=*/false).ok());
  EXPECT_EQ(Version(), LatestSchemaVersion());
  EXPECT_TRUE(TableExists("revisions"));
  EXPECT_TRUE(TableExists("heads"));
  EXPECT_TRUE(TableExists("meta"));
}

TEST_F(MigrationsTest, BuiltInListIsNumberedFromOne) {
  auto steps = Migrations();
  ASSERT_FALSE(steps.empty());
  for (size_t idx = 0; idx < steps.size(); ++idx) {
    EXPECT_EQ(steps[idx].version, static_cast<int>(idx) + 1);
  }
  EXPECT_EQ(LatestSchemaVersion(), steps.back().version);
}

TEST_F(MigrationsTest, ApplyingTwiceIsANoOp) {
  const Migration steps[] = {kFakeV1};
  ASSERT_TRUE(ApplyMigrations(db_, steps, false).ok());
  Exec("INSERT INTO a(x) VALUES ('kept')");
  // Re-running CREATE TABLE a would fail, so success means it was skipped.
  base::Status again = ApplyMigrations(db_, steps, false);
  EXPECT_TRUE(again.ok()) << again.ToString();
  EXPECT_EQ(Version(), 1);
  EXPECT_EQ(Query("SELECT x FROM a"), "kept");
}

TEST_F(MigrationsTest, VersionOneMigratesForwardKeepingData) {
  const Migration v1[] = {kFakeV1};
  ASSERT_TRUE(ApplyMigrations(db_, v1, false).ok());
  Exec("INSERT INTO a(x) VALUES ('kept')");
  const Migration v2[] = {kFakeV1, kFakeV2};
  base::Status status = ApplyMigrations(db_, v2, false);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(Version(), 2);
  EXPECT_TRUE(TableExists("c"));
  EXPECT_EQ(Query("SELECT x FROM a WHERE y IS NULL"), "kept");
}

TEST_F(MigrationsTest, FailingStepRollsBackTheWholeMigration) {
  const Migration v1[] = {kFakeV1};
  ASSERT_TRUE(ApplyMigrations(db_, v1, false).ok());
  const Migration broken[] = {
      kFakeV1, kFakeV2, {3, "CREATE TABLE d(z); NOT SQL;"}};
  base::Status status = ApplyMigrations(db_, broken, false);
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_NE(status.message().find("migration 3"), std::string::npos)
      << status.message();
  EXPECT_EQ(Version(), 1);
  EXPECT_FALSE(TableExists("c"));
  EXPECT_FALSE(TableExists("d"));
  EXPECT_EQ(sqlite3_get_autocommit(db_), 1);  // no transaction left open
}

TEST_F(MigrationsTest, NewerDatabaseIsRefused) {
  Exec("PRAGMA user_version = 5");
  const Migration steps[] = {kFakeV1, kFakeV2};
  base::Status status = ApplyMigrations(db_, steps, false);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(status.message(),
            "workspace schema version 5 is newer than this vka supports (2); "
            "upgrade vka");
  EXPECT_EQ(Version(), 5);
}

TEST_F(MigrationsTest, ReadOnlyDatabaseThatNeedsMigrationIsRefused) {
  const Migration steps[] = {kFakeV1};
  base::Status status = ApplyMigrations(db_, steps, /*read_only=*/true);
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Version(), 0);
  EXPECT_FALSE(TableExists("a"));
}

TEST_F(MigrationsTest, MisnumberedListIsInternalError) {
  const Migration steps[] = {{2, "CREATE TABLE a(x);"}};
  EXPECT_EQ(ApplyMigrations(db_, steps, false).code(), StatusCode::kInternal);
  EXPECT_EQ(Version(), 0);
}

TEST(SqliteStoreMigrationTest, OpenMigratesAFreshFile) {
  auto dir = vka::testing::ScopedTempDir::Create();
  ASSERT_TRUE(dir.ok());
  std::string path = dir->Join("vka.db");
  ASSERT_TRUE(SqliteStore::Open(path, {}).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto version = SchemaVersion(db);
  sqlite3_close(db);
  ASSERT_TRUE(version.ok());
  EXPECT_EQ(*version, LatestSchemaVersion());
}

}  // namespace
}  // namespace vka::storage
