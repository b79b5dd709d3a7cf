// The Store contract (storage/store.h), run against every backend, followed
// by the tests of SQLite-only behaviour (file format, triggers, errors).

#include <sqlite3.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "storage/migrations.h"
#include "storage/sqlite_store.h"
#include "storage/store.h"
#include "testing/scoped_temp_dir.h"

namespace vka::storage {
namespace {

using base::StatusCode;
using model::Kind;

// A backend under test. `open` opens the store kept in `dir`, creating it on
// the first call; each call returns a new, independent handle (for SQLite a
// new connection) on the same data.
struct Backend {
  std::string name;
  std::function<base::Result<std::unique_ptr<Store>>(const std::string& dir)>
      open;
};

// Names the backend in test output instead of dumping its bytes.
void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

std::string DbPath(const std::string& dir) { return dir + "/vka.db"; }

Backend SqliteBackend() {
  return {"Sqlite",
          [](const std::string& dir) -> base::Result<std::unique_ptr<Store>> {
            VKA_ASSIGN_OR_RETURN(auto store,
                                 SqliteStore::Open(DbPath(dir), {}));
            return std::unique_ptr<Store>(std::move(store));
          }};
}

// A salt with a NUL and high bytes, to check that it round-trips as a blob.
std::string TestSalt(int64_t seed) {
  std::string salt(32, '\0');
  for (size_t idx = 0; idx < salt.size(); ++idx) {
    salt[idx] =
        static_cast<char>((seed * 31 + static_cast<int64_t>(idx) * 7) & 0xff);
  }
  salt[0] = '\0';
  salt[1] = '\xff';
  return salt;
}

Revision Rev(const std::string& id, Kind kind, int64_t rev, std::string body,
             bool deleted = false) {
  Revision r;
  r.id = id;
  r.kind = kind;
  r.rev = rev;
  r.at = "2026-11-29T11:20:00." + std::to_string(100 + rev) + "Z";
  r.by = "investigator";
  r.reason = rev == 1 ? "" : "update " + std::to_string(rev);
  r.body = std::move(body);
  r.salt = TestSalt(rev);
  r.deleted = deleted;
  return r;
}

::testing::AssertionResult Same(const Revision& a, const Revision& b) {
  if (a.id == b.id && a.kind == b.kind && a.rev == b.rev && a.at == b.at &&
      a.by == b.by && a.reason == b.reason && a.body == b.body &&
      a.salt == b.salt && a.deleted == b.deleted) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure()
         << "revisions differ: " << a.id << "@" << a.rev << " " << a.body
         << " deleted=" << a.deleted << " vs " << b.id << "@" << b.rev << " "
         << b.body << " deleted=" << b.deleted;
}

std::vector<std::string> Ids(const std::vector<Revision>& revs) {
  std::vector<std::string> ids;
  for (const Revision& rev : revs) ids.push_back(rev.id);
  return ids;
}

class StoreConformanceTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto dir = vka::testing::ScopedTempDir::Create();
    ASSERT_TRUE(dir.ok()) << dir.status().ToString();
    dir_.emplace(std::move(dir).value());
    store_ = OpenStore();
    ASSERT_NE(store_, nullptr);
  }

  std::unique_ptr<Store> OpenStore() {
    auto store = GetParam().open(dir_->path());
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // Appends the revisions in one transaction and commits it.
  void Commit(const std::vector<Revision>& revs) {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok()) << tx.status().ToString();
    for (const Revision& rev : revs) {
      ASSERT_TRUE((*tx)->Append(rev).ok()) << rev.id << "@" << rev.rev;
    }
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  // The status of appending one revision in its own committed transaction.
  base::Status AppendOne(const Revision& rev) {
    VKA_ASSIGN_OR_RETURN(auto tx, store_->Begin());
    VKA_RETURN_IF_ERROR(tx->Append(rev));
    return tx->Commit();
  }

  std::vector<Revision> ListOrDie(const ListQuery& query) {
    auto list = store_->List(query);
    EXPECT_TRUE(list.ok()) << list.status().ToString();
    return list.ok() ? *list : std::vector<Revision>();
  }

  // Persons a..e with a status field and a tag array.
  void CommitPeople() {
    Commit(
        {Rev("per_a", Kind::kPerson, 1,
             R"({"status":"alive","tags":["x","y"]})"),
         Rev("per_b", Kind::kPerson, 1, R"({"status":"missing","tags":["y"]})"),
         Rev("per_c", Kind::kPerson, 1, R"({"status":"alive","tags":[]})"),
         Rev("per_d", Kind::kPerson, 1,
             R"({"status":"deceased","tags":["x"]})"),
         Rev("per_e", Kind::kPerson, 1, R"({"status":"alive","tags":["z"]})"),
         Rev("plc_a", Kind::kPlace, 1, R"({"status":"alive","tags":["x"]})")});
  }

  std::optional<vka::testing::ScopedTempDir> dir_;
  std::unique_ptr<Store> store_;
};

// ---- append, latest, get, history ----

TEST_P(StoreConformanceTest, ReadsBackAppendedRevisions) {
  Revision r1 = Rev("per_1", Kind::kPerson, 1, R"({"name":"Anna"})");
  Revision r2 = Rev("per_1", Kind::kPerson, 2, R"({"name":"Anna K."})");
  Commit({r1});
  Commit({r2});

  auto latest = store_->Latest("per_1");
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_TRUE(Same(**latest, r2));
  auto first = store_->Get("per_1", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(Same(*first, r1));
  auto history = store_->History("per_1");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_TRUE(Same((*history)[0], r1));
  EXPECT_TRUE(Same((*history)[1], r2));
}

TEST_P(StoreConformanceTest, LogLeavesAreNumberedInOrderAndRollBackWithTheirTransaction) {
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(*(*tx)->AppendLeaf("a", "per_1@1"), 0);
    EXPECT_EQ(*(*tx)->AppendLeaf("b", "per_2@1"), 1);
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(*(*tx)->AppendLeaf("lost", "per_3@1"), 2);
  }  // rolled back
  EXPECT_EQ(*store_->LeafCount(), 2);
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    EXPECT_EQ(*(*tx)->AppendLeaf("c", "per_1@2"), 2);
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  std::string seen;
  ASSERT_TRUE(store_->ForEachLeaf(1, [&](const LogLeaf& leaf) {
    seen += std::to_string(leaf.seq) + leaf.entry + ";";
    return base::OkStatus();
  }).ok());
  EXPECT_EQ(seen, "1b;2c;");
  auto leaves = store_->LeavesFor("per_1@2");
  ASSERT_TRUE(leaves.ok());
  ASSERT_EQ(leaves->size(), 1u);
  EXPECT_EQ((*leaves)[0].seq, 2);
}

TEST_P(StoreConformanceTest, MissingRecordsAreAbsentNotErrors) {
  auto latest = store_->Latest("per_none");
  ASSERT_TRUE(latest.ok());
  EXPECT_FALSE(latest->has_value());
  auto history = store_->History("per_none");
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->empty());
  EXPECT_EQ(store_->Get("per_none", 1).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, GetOfMissingRevisionIsNotFound) {
  Commit({Rev("per_1", Kind::kPerson, 1, "{}")});
  EXPECT_EQ(store_->Get("per_1", 2).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, TransactionSeesItsOwnWrites) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->Append(Rev("per_1", Kind::kPerson, 1, "{}")).ok());
  ASSERT_TRUE((*tx)->Append(Rev("per_1", Kind::kPerson, 2, R"({"v":2})")).ok());
  auto latest = (*tx)->Latest("per_1");
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_EQ((*latest)->rev, 2);
  ASSERT_TRUE((*tx)->Commit().ok());
}

TEST_P(StoreConformanceTest, CommittedDataSurvivesReopen) {
  Revision r1 = Rev("per_1", Kind::kPerson, 1, R"({"name":"Anna"})");
  Commit({r1});
  store_.reset();
  store_ = OpenStore();
  ASSERT_NE(store_, nullptr);
  auto latest = store_->Latest("per_1");
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_TRUE(Same(**latest, r1));
}

// ---- revision numbering ----

TEST_P(StoreConformanceTest, FirstRevisionMustBeOne) {
  EXPECT_EQ(AppendOne(Rev("per_1", Kind::kPerson, 2, "{}")).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(AppendOne(Rev("per_1", Kind::kPerson, 0, "{}")).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_TRUE(AppendOne(Rev("per_1", Kind::kPerson, 1, "{}")).ok());
}

TEST_P(StoreConformanceTest, GapInRevisionsIsFailedPrecondition) {
  Commit({Rev("per_1", Kind::kPerson, 1, "{}")});
  EXPECT_EQ(AppendOne(Rev("per_1", Kind::kPerson, 3, "{}")).code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(StoreConformanceTest, DuplicateRevisionIsAlreadyExists) {
  Commit({Rev("per_1", Kind::kPerson, 1, "{}"),
          Rev("per_1", Kind::kPerson, 2, "{}")});
  EXPECT_EQ(AppendOne(Rev("per_1", Kind::kPerson, 1, R"({"x":1})")).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(AppendOne(Rev("per_1", Kind::kPerson, 2, R"({"x":1})")).code(),
            StatusCode::kAlreadyExists);
  auto first = store_->Get("per_1", 1);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->body, "{}");
}

TEST_P(StoreConformanceTest, DuplicateWithinOneTransactionIsAlreadyExists) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->Append(Rev("per_1", Kind::kPerson, 1, "{}")).ok());
  EXPECT_EQ((*tx)->Append(Rev("per_1", Kind::kPerson, 1, "{}")).code(),
            StatusCode::kAlreadyExists);
}

TEST_P(StoreConformanceTest, KindOfARecordCannotChange) {
  Commit({Rev("per_1", Kind::kPerson, 1, "{}")});
  EXPECT_EQ(AppendOne(Rev("per_1", Kind::kPlace, 2, "{}")).code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->Latest("per_1")->value().rev, 1);
}

TEST_P(StoreConformanceTest, RejectedAppendLeavesTransactionUsable) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  EXPECT_FALSE((*tx)->Append(Rev("per_1", Kind::kPerson, 5, "{}")).ok());
  ASSERT_TRUE((*tx)->Append(Rev("per_1", Kind::kPerson, 1, "{}")).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  auto history = store_->History("per_1");
  ASSERT_TRUE(history.ok());
  EXPECT_EQ(history->size(), 1u);
}

// ---- tombstones ----

TEST_P(StoreConformanceTest, TombstoneIsLatestButRecordIsNotLive) {
  Commit({Rev("per_1", Kind::kPerson, 1, R"({"status":"alive"})"),
          Rev("per_2", Kind::kPerson, 1, R"({"status":"alive"})")});
  Commit({Rev("per_1", Kind::kPerson, 2, R"({"status":"alive"})",
              /*deleted=*/true)});

  auto latest = store_->Latest("per_1");
  ASSERT_TRUE(latest.ok());
  ASSERT_TRUE(latest->has_value());
  EXPECT_TRUE((*latest)->deleted);
  EXPECT_EQ((*latest)->rev, 2);
  EXPECT_EQ(store_->History("per_1")->size(), 2u);
  EXPECT_EQ(*store_->Count(Kind::kPerson), 1);
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson, .where = {}})),
            std::vector<std::string>{"per_2"});
  auto all =
      ListOrDie({.kind = Kind::kPerson, .where = {}, .include_deleted = true});
  ASSERT_EQ(Ids(all), (std::vector<std::string>{"per_1", "per_2"}));
  EXPECT_TRUE(all[0].deleted);
  EXPECT_FALSE(all[1].deleted);
}

TEST_P(StoreConformanceTest, RecordCanBeRestoredAfterTombstone) {
  Commit({Rev("per_1", Kind::kPerson, 1, "{}"),
          Rev("per_1", Kind::kPerson, 2, "{}", /*deleted=*/true),
          Rev("per_1", Kind::kPerson, 3, "{}")});
  EXPECT_EQ(*store_->Count(Kind::kPerson), 1);
  EXPECT_FALSE(store_->Latest("per_1")->value().deleted);
}

// ---- list ----

TEST_P(StoreConformanceTest, ListReturnsOneKindInIdOrder) {
  Commit({Rev("per_c", Kind::kPerson, 1, "{}"),
          Rev("plc_a", Kind::kPlace, 1, "{}"),
          Rev("per_a", Kind::kPerson, 1, "{}"),
          Rev("per_b", Kind::kPerson, 1, "{}")});
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson, .where = {}})),
            (std::vector<std::string>{"per_a", "per_b", "per_c"}));
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPlace, .where = {}})),
            std::vector<std::string>{"plc_a"});
  EXPECT_TRUE(ListOrDie({.kind = Kind::kEvent, .where = {}}).empty());
}

TEST_P(StoreConformanceTest, ListReturnsLatestRevisionOfEachRecord) {
  Commit({Rev("per_a", Kind::kPerson, 1, "{}"),
          Rev("per_a", Kind::kPerson, 2, "{}")});
  auto list = ListOrDie({.kind = Kind::kPerson, .where = {}});
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0].rev, 2);
}

TEST_P(StoreConformanceTest, ListFiltersOnStringField) {
  CommitPeople();
  EXPECT_EQ(
      Ids(ListOrDie({.kind = Kind::kPerson, .where = {{"status", "alive"}}})),
      (std::vector<std::string>{"per_a", "per_c", "per_e"}));
  EXPECT_TRUE(
      ListOrDie({.kind = Kind::kPerson, .where = {{"status", "unknown"}}})
          .empty());
}

TEST_P(StoreConformanceTest, ListFiltersOnArrayContainment) {
  CommitPeople();
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson, .where = {{"tags", "x"}}})),
            (std::vector<std::string>{"per_a", "per_d"}));
}

TEST_P(StoreConformanceTest, ListCombinesFiltersWithAnd) {
  CommitPeople();
  auto list = ListOrDie(
      {.kind = Kind::kPerson, .where = {{"status", "alive"}, {"tags", "y"}}});
  EXPECT_EQ(Ids(list), std::vector<std::string>{"per_a"});
}

TEST_P(StoreConformanceTest, ListFiltersOnCurrentBodyOnly) {
  Commit({Rev("per_a", Kind::kPerson, 1, R"({"status":"alive"})"),
          Rev("per_a", Kind::kPerson, 2, R"({"status":"deceased"})")});
  EXPECT_TRUE(ListOrDie({.kind = Kind::kPerson, .where = {{"status", "alive"}}})
                  .empty());
  EXPECT_EQ(
      ListOrDie({.kind = Kind::kPerson, .where = {{"status", "deceased"}}})
          .size(),
      1u);
}

TEST_P(StoreConformanceTest, ListAppliesLimitAndOffset) {
  CommitPeople();
  EXPECT_EQ(Ids(ListOrDie(
                {.kind = Kind::kPerson, .where = {}, .limit = 2, .offset = 1})),
            (std::vector<std::string>{"per_b", "per_c"}));
  EXPECT_EQ(Ids(ListOrDie(
                {.kind = Kind::kPerson, .where = {}, .limit = 2, .offset = 4})),
            std::vector<std::string>{"per_e"});
  EXPECT_EQ(ListOrDie({.kind = Kind::kPerson, .where = {}, .limit = 0}).size(),
            5u);
  auto filtered = ListOrDie({.kind = Kind::kPerson,
                             .where = {{"status", "alive"}},
                             .limit = 1,
                             .offset = 1});
  EXPECT_EQ(Ids(filtered), std::vector<std::string>{"per_c"});
}

TEST_P(StoreConformanceTest, ListExcludesDeletedEvenWhenFilterMatches) {
  CommitPeople();
  Commit(
      {Rev("per_a", Kind::kPerson, 2, R"({"status":"alive","tags":["x","y"]})",
           /*deleted=*/true)});
  EXPECT_EQ(
      Ids(ListOrDie({.kind = Kind::kPerson, .where = {{"status", "alive"}}})),
      (std::vector<std::string>{"per_c", "per_e"}));
}

TEST_P(StoreConformanceTest, ListFiltersOnConfidentialityBeforePaging) {
  Commit({Rev("per_a", Kind::kPerson, 1, R"({"confidentiality":"public"})"),
          Rev("per_b", Kind::kPerson, 1, R"({"confidentiality":"sealed"})"),
          Rev("per_c", Kind::kPerson, 1, R"({})"),
          Rev("per_d", Kind::kPerson, 1, R"({"confidentiality":"restricted"})"),
          Rev("per_e", Kind::kPerson, 1, R"({"confidentiality":"public"})")});
  const std::vector<std::string> readable = {"public", "internal"};
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson, .confidentiality = readable})),
            (std::vector<std::string>{"per_a", "per_c", "per_e"}));
  // Paging counts only the readable records: the second page of one is per_c.
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson,
                           .limit = 1,
                           .offset = 1,
                           .confidentiality = readable})),
            std::vector<std::string>{"per_c"});
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson, .confidentiality = {"sealed"}})),
            std::vector<std::string>{"per_b"});
}

TEST_P(StoreConformanceTest, ListAfterIdPagesByKeyAfterFilters) {
  Commit({Rev("per_a", Kind::kPerson, 1, R"({"confidentiality":"public"})"),
          Rev("per_b", Kind::kPerson, 1, R"({"confidentiality":"sealed"})"),
          Rev("per_c", Kind::kPerson, 1, R"({})"),
          Rev("per_d", Kind::kPerson, 1, R"({"confidentiality":"restricted"})"),
          Rev("per_e", Kind::kPerson, 1, R"({"confidentiality":"public"})"),
          Rev("plc_z", Kind::kPlace, 1, R"({})")});
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson, .limit = 2, .after_id = "per_b"})),
            (std::vector<std::string>{"per_c", "per_d"}));
  // The id need not exist; only the order counts.
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson, .after_id = "per_cc"})),
            (std::vector<std::string>{"per_d", "per_e"}));
  EXPECT_TRUE(ListOrDie({.kind = Kind::kPerson, .after_id = "per_e"}).empty());
  // Hidden records are skipped before the limit: the page after per_a holds
  // the next two readable ones.
  const std::vector<std::string> readable = {"public", "internal"};
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson,
                           .limit = 2,
                           .confidentiality = readable,
                           .after_id = "per_a"})),
            (std::vector<std::string>{"per_c", "per_e"}));
  // With a filter and an offset as well.
  EXPECT_EQ(Ids(ListOrDie({.kind = Kind::kPerson,
                           .where = {{"confidentiality", "public"}},
                           .limit = 1,
                           .offset = 0,
                           .after_id = "per_a"})),
            std::vector<std::string>{"per_e"});
}

// ---- transactions and writers ----

TEST_P(StoreConformanceTest, DestroyedTransactionRollsBack) {
  Commit({Rev("per_1", Kind::kPerson, 1, "{}")});
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(
        (*tx)->Append(Rev("per_1", Kind::kPerson, 2, R"({"v":2})")).ok());
    ASSERT_TRUE((*tx)->Append(Rev("per_2", Kind::kPerson, 1, "{}")).ok());
  }
  EXPECT_EQ(store_->Latest("per_1")->value().rev, 1);
  EXPECT_FALSE(store_->Latest("per_2")->has_value());
  EXPECT_EQ(*store_->Count(Kind::kPerson), 1);
  EXPECT_EQ(ListOrDie({.kind = Kind::kPerson, .where = {}}).size(), 1u);
  // The lock is released: a new transaction can reuse the same numbers.
  EXPECT_TRUE(AppendOne(Rev("per_1", Kind::kPerson, 2, "{}")).ok());
}

TEST_P(StoreConformanceTest, CommitTwiceIsFailedPrecondition) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  EXPECT_EQ((*tx)->Commit().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ((*tx)->Append(Rev("per_1", Kind::kPerson, 1, "{}")).code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(StoreConformanceTest, SecondWriterIsUnavailableButCanRead) {
  Commit({Rev("per_1", Kind::kPerson, 1, "{}")});
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->Append(Rev("per_2", Kind::kPerson, 1, "{}")).ok());

  std::unique_ptr<Store> other = OpenStore();
  ASSERT_NE(other, nullptr);
  auto blocked = other->Begin();
  EXPECT_EQ(blocked.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(blocked.status().message().find("locked by another writer"),
            std::string::npos)
      << blocked.status().message();
  auto committed = other->Latest("per_1");
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_TRUE(committed->has_value());
  EXPECT_FALSE(other->Latest("per_2")->has_value());  // not yet committed

  ASSERT_TRUE((*tx)->Commit().ok());
  EXPECT_TRUE(other->Latest("per_2")->has_value());
  auto now_free = other->Begin();
  EXPECT_TRUE(now_free.ok()) << now_free.status().ToString();
}

// ---- count and ForEachCurrent ----

TEST_P(StoreConformanceTest, CountsLiveRecordsPerKind) {
  CommitPeople();
  EXPECT_EQ(*store_->Count(Kind::kPerson), 5);
  EXPECT_EQ(*store_->Count(Kind::kPlace), 1);
  EXPECT_EQ(*store_->Count(Kind::kEvent), 0);
}

TEST_P(StoreConformanceTest, ForEachCurrentVisitsLiveRecordsInIdOrder) {
  Commit({Rev("per_c", Kind::kPerson, 1, "{}"),
          Rev("per_a", Kind::kPerson, 1, "{}"),
          Rev("per_a", Kind::kPerson, 2, R"({"v":2})"),
          Rev("per_d", Kind::kPerson, 1, "{}"),
          Rev("per_d", Kind::kPerson, 2, "{}", /*deleted=*/true),
          Rev("per_b", Kind::kPerson, 1, "{}"),
          Rev("plc_a", Kind::kPlace, 1, "{}")});
  std::vector<std::string> seen;
  base::Status status =
      store_->ForEachCurrent(Kind::kPerson, [&](const Revision& r) {
        seen.push_back(r.id + "@" + std::to_string(r.rev));
        return base::OkStatus();
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(seen, (std::vector<std::string>{"per_a@2", "per_b@1", "per_c@1"}));
}

TEST_P(StoreConformanceTest, ForEachCurrentStopsAtCallbackError) {
  std::vector<Revision> revs;
  for (int idx = 0; idx < 1000; ++idx) {
    revs.push_back(
        Rev("per_" + std::to_string(10000 + idx), Kind::kPerson, 1, "{}"));
  }
  Commit(revs);
  int calls = 0;
  base::Status status =
      store_->ForEachCurrent(Kind::kPerson, [&](const Revision&) {
        return ++calls == 10 ? base::InternalError("stop here")
                             : base::OkStatus();
      });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), "stop here");
  EXPECT_EQ(calls, 10);
}

// Streams many records while the callback issues other reads on the same
// store, which a paged or fully buffered implementation would also pass,
// but a cursor that interferes with other statements would not.
TEST_P(StoreConformanceTest, ForEachCurrentStreamsWhileCallbackReads) {
  constexpr int kRecords = 20000;
  std::vector<Revision> revs;
  for (int idx = 0; idx < kRecords; ++idx) {
    revs.push_back(Rev("per_" + std::to_string(100000 + idx), Kind::kPerson, 1,
                       R"({"n":)" + std::to_string(idx) + "}"));
  }
  Commit(revs);
  int visited = 0;
  std::string previous;
  base::Status status =
      store_->ForEachCurrent(Kind::kPerson, [&](const Revision& r) {
        if (r.id <= previous)
          return base::InternalError("out of order at " + r.id);
        previous = r.id;
        VKA_ASSIGN_OR_RETURN(auto latest, store_->Latest(r.id));
        if (!latest || latest->body != r.body)
          return base::InternalError("mismatch");
        ++visited;
        return base::OkStatus();
      });
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(visited, kRecords);
}

// Appends each revision with its log leaf (ref "id@rev", as app writes
// them) plus one leaf that is not a revision, in one transaction.
void CommitWithLeaves(Store& store, const std::vector<Revision>& revs) {
  auto tx = store.Begin();
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  for (const Revision& rev : revs) {
    ASSERT_TRUE((*tx)->Append(rev).ok()) << rev.id << "@" << rev.rev;
    ASSERT_TRUE((*tx)->AppendLeaf("x", rev.id + "@" + std::to_string(rev.rev)).ok());
  }
  ASSERT_TRUE((*tx)->AppendLeaf("y", "sha256:" + std::string(64, 'a')).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
}

TEST_P(StoreConformanceTest, ForEachChangedSinceVisitsLatestOfRecordsLoggedSincePosition) {
  CommitWithLeaves(*store_, {Rev("per_b", Kind::kPerson, 1, "{}"),
                             Rev("per_a", Kind::kPerson, 1, "{}"),
                             Rev("plc_a", Kind::kPlace, 1, "{}")});
  auto position = store_->LeafCount();
  ASSERT_TRUE(position.ok());
  ASSERT_EQ(*position, 4);
  CommitWithLeaves(*store_, {Rev("per_b", Kind::kPerson, 2, R"({"v":2})"),
                             Rev("per_c", Kind::kPerson, 1, "{}")});
  CommitWithLeaves(*store_, {Rev("per_b", Kind::kPerson, 3, R"({"v":2})", /*deleted=*/true),
                             Rev("plc_a", Kind::kPlace, 2, R"({"v":2})")});
  auto visit = [&](int64_t from) {
    std::vector<std::string> seen;
    base::Status status = store_->ForEachChangedSince(from, [&](const Revision& r) {
      seen.push_back(r.id + "@" + std::to_string(r.rev) + (r.deleted ? " deleted" : ""));
      return base::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status.ToString();
    return seen;
  };
  // Each record once, at its latest revision, tombstones included, in id order.
  EXPECT_EQ(visit(*position),
            (std::vector<std::string>{"per_b@3 deleted", "per_c@1", "plc_a@2"}));
  EXPECT_EQ(visit(0), (std::vector<std::string>{"per_a@1", "per_b@3 deleted", "per_c@1",
                                                "plc_a@2"}));
  EXPECT_TRUE(visit(*store_->LeafCount()).empty());
}

TEST_P(StoreConformanceTest, ForEachChangedSinceStopsAtCallbackError) {
  CommitWithLeaves(*store_, {Rev("per_a", Kind::kPerson, 1, "{}"),
                             Rev("per_b", Kind::kPerson, 1, "{}")});
  int calls = 0;
  base::Status status = store_->ForEachChangedSince(0, [&](const Revision&) {
    ++calls;
    return base::InternalError("stop here");
  });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(calls, 1);
}

EvidenceFile TestEvidence(char digit, const std::string& source, const std::string& added_at) {
  EvidenceFile file;
  file.sha256 = std::string(64, digit);
  file.size = 1234;
  file.mime = "image/jpeg";
  file.original_name = "IMG_0001.JPG";
  file.original_mtime = "2026-01-02T03:04:05Z";
  file.source = source;
  file.captured_at = "2025-12-01";
  file.added_at = added_at;
  file.added_by = "investigator";
  return file;  // captured_by, captured_where, note, derived_from left empty
}

::testing::AssertionResult SameFile(const EvidenceFile& a, const EvidenceFile& b) {
  auto fields = [](const EvidenceFile& f) {
    return std::vector<std::string>{f.sha256, std::to_string(f.size), f.mime, f.original_name,
                                    f.original_mtime, f.source, f.captured_at, f.captured_by,
                                    f.captured_where, f.note, f.derived_from, f.added_at,
                                    f.added_by, f.exif_taken_at, f.camera_make, f.camera_model,
                                    f.metadata_note};
  };
  if (fields(a) == fields(b) && a.gps_lat == b.gps_lat && a.gps_lon == b.gps_lon &&
      a.page_count == b.page_count) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << "evidence files differ: " << a.sha256 << " vs "
                                       << b.sha256;
}

TEST_P(StoreConformanceTest, EvidenceFileRoundTripsAndIsListedBySource) {
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  EvidenceFile a = TestEvidence('a', "src_A", "2026-11-29T11:20:00.002Z");
  EvidenceFile b = TestEvidence('b', "src_B", "2026-11-29T11:20:00.001Z");
  EvidenceFile c = TestEvidence('c', "src_A", "2026-11-29T11:20:00.001Z");
  c.derived_from = a.sha256;
  c.note = "redacted copy";
  c.exif_taken_at = "2024-05-01T14:03:22";
  c.camera_make = "Canon";
  c.camera_model = "EOS 5D";
  c.gps_lat = 40.175;
  c.gps_lon = -44.5;
  b.page_count = 0;  // zero is a value, not NULL
  b.metadata_note = "PDF is encrypted";
  for (const auto* file : {&a, &b, &c}) ASSERT_TRUE((*tx)->PutEvidenceFile(*file).ok());
  ASSERT_TRUE((*tx)->Commit().ok());

  auto got = OpenStore()->GetEvidenceFile(c.sha256);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_TRUE(SameFile(**got, c));
  auto got_b = OpenStore()->GetEvidenceFile(b.sha256);
  ASSERT_TRUE(got_b.ok() && got_b->has_value());
  EXPECT_TRUE(SameFile(**got_b, b));
  ASSERT_TRUE((*got_b)->page_count.has_value());
  EXPECT_FALSE((*got_b)->gps_lat.has_value());
  auto none = store_->GetEvidenceFile(std::string(64, 'd'));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  auto of_a = store_->ListEvidenceFiles("src_A");
  ASSERT_TRUE(of_a.ok());
  ASSERT_EQ(of_a->size(), 2u);
  EXPECT_EQ((*of_a)[0].sha256, c.sha256);  // ordered by added_at
  EXPECT_EQ((*of_a)[1].sha256, a.sha256);
  auto all = store_->ListEvidenceFiles("");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 3u);
}

TEST_P(StoreConformanceTest, DuplicateEvidenceFileIsAlreadyExists) {
  EvidenceFile a = TestEvidence('a', "src_A", "2026-11-29T11:20:00.002Z");
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->PutEvidenceFile(a).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok());
  a.note = "second attempt";
  EXPECT_EQ((*tx)->PutEvidenceFile(a).code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE((*tx)->Commit().ok());
  auto got = store_->GetEvidenceFile(a.sha256);
  ASSERT_TRUE(got.ok() && got->has_value());
  EXPECT_EQ((*got)->note, "");  // the first row is unchanged
}

TEST_P(StoreConformanceTest, UncommittedEvidenceFileIsRolledBack) {
  {
    auto tx = store_->Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE((*tx)->PutEvidenceFile(TestEvidence('a', "src_A", "t")).ok());
  }
  auto all = store_->ListEvidenceFiles("");
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformanceTest,
                         ::testing::Values(SqliteBackend()),
                         [](const auto& info) { return info.param.name; });

// ---- SQLite-only behaviour ----

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = vka::testing::ScopedTempDir::Create();
    ASSERT_TRUE(dir.ok()) << dir.status().ToString();
    dir_.emplace(std::move(dir).value());
    path_ = DbPath(dir_->path());
  }

  std::unique_ptr<SqliteStore> OpenOrDie(OpenOptions options = {}) {
    auto store = SqliteStore::Open(path_, options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  void CreateWithOneRecord() {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    auto tx = store->Begin();
    ASSERT_TRUE(tx.ok());
    ASSERT_TRUE(
        (*tx)->Append(Rev("per_1", Kind::kPerson, 1, R"({"a":1})")).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }

  // Runs sql on the file through a raw connection; returns the result code
  // and stores the error message in last_error_.
  int RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    int rc = sqlite3_open(path_.c_str(), &db);
    if (rc == SQLITE_OK)
      rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    last_error_ = sqlite3_errmsg(db);
    sqlite3_close(db);
    return rc;
  }

  void WriteFile(const std::string& bytes, std::streamoff at = 0) {
    std::fstream file(path_, std::ios::in | std::ios::out | std::ios::binary);
    if (!file) file.open(path_, std::ios::out | std::ios::binary);
    file.seekp(at);
    file.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    ASSERT_TRUE(file.good());
  }

  std::optional<vka::testing::ScopedTempDir> dir_;
  std::string path_;
  std::string last_error_;
};

TEST_F(SqliteStoreTest, RevisionsCannotBeUpdatedOrDeletedThroughSql) {
  CreateWithOneRecord();
  EXPECT_EQ(RawExec("UPDATE revisions SET body = '{\"a\":2}'"),
            SQLITE_CONSTRAINT);
  EXPECT_EQ(last_error_, "revisions are immutable");
  EXPECT_EQ(RawExec("DELETE FROM revisions"), SQLITE_CONSTRAINT);
  EXPECT_EQ(last_error_, "revisions are immutable");
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->Latest("per_1")->value().body, R"({"a":1})");
}

TEST_F(SqliteStoreTest, EvidenceFilesCannotBeUpdatedOrDeletedThroughSql) {
  CreateWithOneRecord();
  ASSERT_EQ(RawExec("INSERT INTO evidence_files(sha256, size, source, added_at, added_by) "
                    "VALUES ('" + std::string(64, 'a') + "', 1, 'src_1', 't', 'x')"),
            SQLITE_OK);
  EXPECT_EQ(RawExec("UPDATE evidence_files SET size = 2"), SQLITE_CONSTRAINT);
  EXPECT_EQ(last_error_, "evidence files are immutable");
  EXPECT_EQ(RawExec("DELETE FROM evidence_files"), SQLITE_CONSTRAINT);
  EXPECT_EQ(last_error_, "evidence files are immutable");
}

TEST_F(SqliteStoreTest, DatabaseIsInWalMode) {
  CreateWithOneRecord();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)),
               "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(SqliteStoreTest, FileThatIsNotADatabaseIsDataLoss) {
  WriteFile(std::string(8192, 'g'));
  auto store = SqliteStore::Open(path_, {});
  EXPECT_EQ(store.status().code(), StatusCode::kDataLoss)
      << store.status().ToString();
}

TEST_F(SqliteStoreTest, CorruptPagesAreDataLoss) {
  {
    auto store = OpenOrDie();
    ASSERT_NE(store, nullptr);
    auto tx = store->Begin();
    ASSERT_TRUE(tx.ok());
    for (int idx = 0; idx < 2000; ++idx) {
      std::string id = "per_" + std::to_string(10000 + idx);
      ASSERT_TRUE((*tx)->Append(Rev(id, Kind::kPerson, 1, R"({"n":1})")).ok());
    }
    ASSERT_TRUE((*tx)->Commit().ok());
  }  // closing the last connection checkpoints the WAL into the file
  constexpr std::streamoff kSecondPage = 4096;
  WriteFile(std::string(64 * 1024, '\xa5'), kSecondPage);
  base::Status status = [&]() -> base::Status {
    VKA_ASSIGN_OR_RETURN(auto store, SqliteStore::Open(path_, {}));
    VKA_ASSIGN_OR_RETURN(int64_t count, store->Count(Kind::kPerson));
    (void)count;
    return store->ForEachCurrent(
        Kind::kPerson, [](const Revision&) { return base::OkStatus(); });
  }();
  EXPECT_EQ(status.code(), StatusCode::kDataLoss) << status.ToString();
}

TEST_F(SqliteStoreTest, PathInMissingDirectoryIsIOError) {
  std::string path = dir_->Join("no/such/dir/vka.db");
  auto store = SqliteStore::Open(path, {});
  EXPECT_EQ(store.status().code(), StatusCode::kIOError);
  EXPECT_NE(store.status().message().find(path), std::string::npos)
      << store.status().message();
}

TEST_F(SqliteStoreTest, MissingFileWithoutCreateIsNotFound) {
  auto store = SqliteStore::Open(path_, {.create_if_missing = false});
  EXPECT_EQ(store.status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, ReadOnlyStoreReadsButCannotBegin) {
  CreateWithOneRecord();
  auto store = OpenOrDie({.create_if_missing = false, .read_only = true});
  ASSERT_NE(store, nullptr);
  EXPECT_TRUE(store->Latest("per_1")->has_value());
  EXPECT_EQ(store->Begin().status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, NewerSchemaVersionIsRefused) {
  CreateWithOneRecord();
  ASSERT_EQ(RawExec("PRAGMA user_version = 99"), SQLITE_OK);
  auto store = SqliteStore::Open(path_, {});
  EXPECT_EQ(store.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store.status().message(),
            "workspace schema version 99 is newer than this vka supports (" +
                std::to_string(LatestSchemaVersion()) + "); upgrade vka");
}

TEST_F(SqliteStoreTest, SecondBeginOnOneStoreIsFailedPrecondition) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto tx = store->Begin();
  ASSERT_TRUE(tx.ok());
  EXPECT_EQ(store->Begin().status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(SqliteStoreTest, FilterFieldNamesAreValidated) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  for (const char* field : {"status') OR 1=1 --", "1abc", "Status", "a..b",
                            "a.", ".a", "", "a[0]", "a b"}) {
    auto list = store->List({.kind = Kind::kPerson, .where = {{field, "x"}}});
    EXPECT_EQ(list.status().code(), StatusCode::kInvalidArgument) << field;
  }
}

TEST_F(SqliteStoreTest, FilterFollowsDotsIntoNestedObjects) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  auto tx = store->Begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE(
      (*tx)
          ->Append(Rev("src_a", Kind::kSource, 1,
                       R"({"origin":{"chain":["c1","c2"],"type":"un"}})"))
          .ok());
  ASSERT_TRUE((*tx)
                  ->Append(Rev("src_b", Kind::kSource, 1,
                               R"({"origin":{"chain":["c3"],"type":"ngo"}})"))
                  .ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  auto by_chain =
      store->List({.kind = Kind::kSource, .where = {{"origin.chain", "c2"}}});
  ASSERT_TRUE(by_chain.ok());
  EXPECT_EQ(Ids(*by_chain), std::vector<std::string>{"src_a"});
  auto by_type =
      store->List({.kind = Kind::kSource, .where = {{"origin.type", "ngo"}}});
  ASSERT_TRUE(by_type.ok());
  EXPECT_EQ(Ids(*by_type), std::vector<std::string>{"src_b"});
  // An object is not an array: its member values do not match.
  auto object =
      store->List({.kind = Kind::kSource, .where = {{"origin", "un"}}});
  ASSERT_TRUE(object.ok());
  EXPECT_TRUE(object->empty());
}

}  // namespace
}  // namespace vka::storage
