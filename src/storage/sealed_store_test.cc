// Sealing of sensitive values in the SQLite store (docs/formats/encryption.md):
// what reaches the database file, what reads return, key rotation, and the
// errors for missing, wrong and tampered keys and ciphertexts.

#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "storage/data_key.h"
#include "storage/migrations.h"
#include "storage/sqlite_store.h"
#include "testing/scoped_temp_dir.h"

namespace vka::storage {
namespace {

using base::StatusCode;
using model::Kind;

// SYNTHETIC values, long enough to be unmistakable in the file's bytes.
constexpr char kContacts[] = "SYNTHETIC-CONTACT-7731-rue-imaginaire";
constexpr char kIdentity[] = "SYNTHETIC-IDENTITY-4409";
constexpr char kPersonA[] = "per_01JD3XK5E8Q9V7RZ3M4N6P2B1A";
constexpr char kPersonB[] = "per_01JD3XK5E8Q9V7RZ3M4N6P2B1B";
constexpr char kSource[] = "src_01JD3XK5E8Q9V7RZ3M4N6P2B1C";

std::string PersonBody(const std::string& id, const std::string& contacts) {
  return R"({"contacts":")" + contacts + R"(","id":")" + id +
         R"(","kind":"person","names":[{"value":"[SYNTHETIC] A"}],"national_identity":")" +
         kIdentity + R"("})";
}

std::string SourceBody() {
  return std::string(R"({"id":")") + kSource +
         R"(","kind":"source","title":"[SYNTHETIC] t","type":"testimony","witness":")" + kPersonA +
         R"("})";
}

Revision Rev(const std::string& id, Kind kind, int64_t rev, std::string body) {
  Revision r;
  r.id = id;
  r.kind = kind;
  r.rev = rev;
  r.at = "2026-11-29T11:20:00.000Z";
  r.by = "tester";
  r.body = std::move(body);
  r.salt = std::string(32, 's');
  return r;
}

std::string ReadBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

class SealedStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = vka::testing::ScopedTempDir::Create();
    ASSERT_TRUE(dir.ok());
    dir_.emplace(std::move(dir).value());
    path_ = dir_->Join("vka.db");
  }

  // A loader that knows the keys in keys_.
  DataKeyLoader Loader() {
    return [this](const std::string& id) -> base::Result<DataKey> {
      auto it = keys_.find(id);
      if (it == keys_.end()) return base::FailedPreconditionError("data key " + id + " is missing");
      return it->second;
    };
  }

  std::unique_ptr<SqliteStore> Open(DataKeyLoader loader) {
    OpenOptions options;
    options.data_keys = std::move(loader);
    auto store = SqliteStore::Open(path_, options);
    EXPECT_TRUE(store.ok()) << store.status().ToString();
    return store.ok() ? std::move(store).value() : nullptr;
  }

  // Opens with Loader() and a first key, k1.
  void OpenWithKey() {
    k1_ = NewDataKey();
    keys_[k1_.id] = k1_;
    store_ = Open(Loader());
    ASSERT_NE(store_, nullptr);
    auto rotated = store_->RotateDataKey(k1_, "2026-11-29T12:00:00Z");
    ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  }

  base::Status Append(Store& store, std::vector<Revision> revs) {
    VKA_ASSIGN_OR_RETURN(auto tx, store.Begin());
    for (const Revision& r : revs) VKA_RETURN_IF_ERROR(tx->Append(r));
    return tx->Commit();
  }

  // The database file and its WAL, as bytes.
  std::string FileBytes() { return ReadBytes(path_) + ReadBytes(path_ + "-wal"); }

  // Runs SQL on a separate connection; returns the SQLite result code.
  int RawExec(const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
    return rc;
  }

  std::string RawBody(const std::string& id) {
    sqlite3* db = nullptr;
    sqlite3_open(path_.c_str(), &db);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "SELECT body FROM revisions WHERE id = ?1 ORDER BY rev DESC", -1,
                       &stmt, nullptr);
    sqlite3_bind_text(stmt, 1, id.c_str(), -1, SQLITE_TRANSIENT);
    std::string body;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      body = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return body;
  }

  std::optional<vka::testing::ScopedTempDir> dir_;
  std::string path_;
  std::map<std::string, DataKey> keys_;
  DataKey k1_;
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SealedStoreTest, DatabaseFileHoldsNoSensitiveValueAndReadsGiveThemBack) {
  OpenWithKey();
  const std::string body = PersonBody(kPersonA, kContacts);
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, body),
                               Rev(kSource, Kind::kSource, 1, SourceBody())})
                  .ok());
  std::string bytes = FileBytes();
  EXPECT_EQ(bytes.find(kContacts), std::string::npos);
  EXPECT_EQ(bytes.find(kIdentity), std::string::npos);
  EXPECT_NE(bytes.find("[SYNTHETIC] A"), std::string::npos);  // the rest is stored as it was
  // The witness id appears only as the person's own id, never in the source.
  EXPECT_EQ(RawBody(kSource).find(kPersonA), std::string::npos);

  auto latest = store_->Latest(kPersonA);
  ASSERT_TRUE(latest.ok() && latest->has_value()) << latest.status().ToString();
  EXPECT_EQ((*latest)->body, body);
  EXPECT_EQ(store_->Get(kSource, 1)->body, SourceBody());
  EXPECT_EQ(store_->History(kPersonA)->at(0).body, body);
  EXPECT_EQ(store_->List({.kind = Kind::kPerson})->at(0).body, body);
  int visited = 0;
  ASSERT_TRUE(store_->ForEachCurrent(Kind::kPerson, [&](const Revision& r) {
    EXPECT_EQ(r.body, body);
    ++visited;
    return base::OkStatus();
  }).ok());
  EXPECT_EQ(visited, 1);
}

TEST_F(SealedStoreTest, TombstoneAndLaterRevisionsAreSealedToo) {
  OpenWithKey();
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts))})
                  .ok());
  Revision second = Rev(kPersonA, Kind::kPerson, 2, PersonBody(kPersonA, "SYNTHETIC-NEW-9"));
  Revision tomb = Rev(kPersonA, Kind::kPerson, 3, PersonBody(kPersonA, "SYNTHETIC-NEW-9"));
  tomb.deleted = true;
  ASSERT_TRUE(Append(*store_, {second, tomb}).ok());
  EXPECT_EQ(FileBytes().find("SYNTHETIC-NEW-9"), std::string::npos);
  auto history = store_->History(kPersonA);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ(history->at(2).body, PersonBody(kPersonA, "SYNTHETIC-NEW-9"));
  EXPECT_TRUE(history->at(2).deleted);
}

TEST_F(SealedStoreTest, WithoutADataKeySensitiveValuesAreRefusedAndOthersWritten) {
  store_ = Open(Loader());
  ASSERT_NE(store_, nullptr);
  base::Status status = Append(*store_, {Rev(kPersonA, Kind::kPerson, 1,
                                             PersonBody(kPersonA, kContacts))});
  EXPECT_EQ(status.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(status.message().find("vka keys rotate"), std::string::npos) << status.message();
  EXPECT_FALSE(store_->Latest(kPersonA)->has_value());
  EXPECT_TRUE(Append(*store_, {Rev(kPersonB, Kind::kPerson, 1,
                                   R"({"kind":"person","names":[]})")})
                  .ok());
}

TEST_F(SealedStoreTest, MissingOrWrongKeyGivesAClearErrorNotAPlaceholder) {
  OpenWithKey();
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts))})
                  .ok());
  store_.reset();
  keys_.clear();  // the key file is gone
  auto missing = Open(Loader())->Latest(kPersonA);
  EXPECT_EQ(missing.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(missing.status().message().find("is missing"), std::string::npos);
  DataKey other = NewDataKey();
  other.id = k1_.id;  // a different key under the same id
  keys_[k1_.id] = other;
  auto wrong = Open(Loader())->Latest(kPersonA);
  EXPECT_EQ(wrong.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(wrong.status().message().find("different key"), std::string::npos);
  auto none = Open(nullptr)->List({.kind = Kind::kPerson});
  EXPECT_EQ(none.status().code(), StatusCode::kFailedPrecondition);
}

TEST_F(SealedStoreTest, CiphertextSwappedBetweenRecordsFailsToOpen) {
  OpenWithKey();
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts)),
                               Rev(kPersonB, Kind::kPerson, 1, PersonBody(kPersonB, "SYNTHETIC-B"))})
                  .ok());
  ASSERT_EQ(RawExec("UPDATE sealed_values SET (nonce, ciphertext) = (SELECT nonce, ciphertext "
                    "FROM sealed_values AS o WHERE o.id = '" +
                    std::string(kPersonB) +
                    "' AND o.path = 'contacts') WHERE id = '" + kPersonA +
                    "' AND path = 'contacts'"),
            SQLITE_OK);
  auto swapped = store_->Latest(kPersonA);
  EXPECT_EQ(swapped.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(swapped.status().message().find(kPersonA), std::string::npos);
  EXPECT_TRUE(store_->Latest(kPersonB).ok());  // the other record is untouched
}

TEST_F(SealedStoreTest, RotationReencryptsEveryValueAndRetiresTheOldKey) {
  OpenWithKey();
  const std::string body = PersonBody(kPersonA, kContacts);
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, body),
                               Rev(kSource, Kind::kSource, 1, SourceBody())})
                  .ok());
  DataKey k2 = NewDataKey();
  keys_[k2.id] = k2;
  auto rotated = store_->RotateDataKey(k2, "2026-11-29T13:00:00Z");
  ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  EXPECT_EQ(rotated->resealed, 3);  // contacts, national_identity, witness
  EXPECT_EQ(rotated->sealed_plaintext, 0);
  EXPECT_EQ(rotated->retired, std::vector<std::string>{k1_.id});
  EXPECT_TRUE(rotated->wal_truncated);
  auto keys = store_->DataKeys();
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ(keys->at(0).id, k1_.id);
  EXPECT_EQ(keys->at(0).retired_at, "2026-11-29T13:00:00Z");
  EXPECT_EQ(keys->at(0).sealed_values, 0);
  EXPECT_EQ(keys->at(1).id, k2.id);
  EXPECT_EQ(keys->at(1).retired_at, "");
  EXPECT_EQ(keys->at(1).sealed_values, 3);
  // Only the new key is needed now, and new values use it.
  store_.reset();
  keys_.erase(k1_.id);
  store_ = Open(Loader());
  EXPECT_EQ(store_->Latest(kPersonA)->value().body, body);
  EXPECT_EQ(store_->Latest(kSource)->value().body, SourceBody());
  ASSERT_TRUE(Append(*store_, {Rev(kPersonB, Kind::kPerson, 1, PersonBody(kPersonB, "SYN-B"))})
                  .ok());
  EXPECT_EQ(store_->DataKeys()->at(1).sealed_values, 5);
}

TEST_F(SealedStoreTest, RotationRemovesOldCiphertextsFromTheFile) {
  OpenWithKey();
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts))})
                  .ok());
  sqlite3* db = nullptr;
  sqlite3_open(path_.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "SELECT ciphertext FROM sealed_values", -1, &stmt, nullptr);
  std::vector<std::string> old;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    old.emplace_back(static_cast<const char*>(sqlite3_column_blob(stmt, 0)),
                     sqlite3_column_bytes(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  ASSERT_EQ(old.size(), 2u);
  ASSERT_NE(FileBytes().find(old[0]), std::string::npos);
  DataKey k2 = NewDataKey();
  keys_[k2.id] = k2;
  ASSERT_TRUE(store_->RotateDataKey(k2, "2026-11-29T13:00:00Z").ok());
  const std::string bytes = FileBytes();
  for (const std::string& ciphertext : old) EXPECT_EQ(bytes.find(ciphertext), std::string::npos);
}

TEST_F(SealedStoreTest, RotationFailsWithoutChangeWhenAnOldKeyIsMissing) {
  OpenWithKey();
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts))})
                  .ok());
  store_.reset();
  keys_.erase(k1_.id);
  store_ = Open(Loader());
  DataKey k2 = NewDataKey();
  keys_[k2.id] = k2;
  auto rotated = store_->RotateDataKey(k2, "2026-11-29T13:00:00Z");
  EXPECT_EQ(rotated.status().code(), StatusCode::kFailedPrecondition);
  auto keys = store_->DataKeys();
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_EQ(keys->at(0).id, k1_.id);
  EXPECT_EQ(keys->at(0).retired_at, "");
}

TEST_F(SealedStoreTest, RotationSealsValuesAnOlderVersionStoredInClear) {
  {  // a database of schema version 6 with a person stored in clear
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_TRUE(ApplyMigrations(db, Migrations().first(6), false).ok());
    const std::string body = PersonBody(kPersonA, kContacts);
    const std::string sql =
        "INSERT INTO revisions VALUES ('" + std::string(kPersonA) +
        "', 1, 'person', 't', 'b', '', '" + body +
        "', x'00', 0); INSERT INTO heads VALUES ('" + kPersonA + "', 'person', 1, 0);";
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }
  const std::string body = PersonBody(kPersonA, kContacts);
  store_ = Open(Loader());
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(store_->Latest(kPersonA)->value().body, body);  // read as it was
  k1_ = NewDataKey();
  keys_[k1_.id] = k1_;
  auto rotated = store_->RotateDataKey(k1_, "2026-11-29T12:00:00Z");
  ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  EXPECT_EQ(rotated->sealed_plaintext, 2);
  EXPECT_EQ(store_->Latest(kPersonA)->value().body, body);
  EXPECT_NE(RawBody(kPersonA).find("vka-sealed:contacts"), std::string::npos);
  const std::string bytes = FileBytes();
  EXPECT_EQ(bytes.find(kContacts), std::string::npos);
  EXPECT_EQ(bytes.find(kIdentity), std::string::npos);
}

TEST_F(SealedStoreTest, RevisionsStayImmutableApartFromSealing) {
  OpenWithKey();
  ASSERT_TRUE(Append(*store_, {Rev(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts))})
                  .ok());
  EXPECT_NE(RawExec("UPDATE revisions SET body = '{}'"), SQLITE_OK);
  EXPECT_NE(RawExec("UPDATE revisions SET \"by\" = 'x'"), SQLITE_OK);
  EXPECT_NE(RawExec("DELETE FROM sealed_values"), SQLITE_OK);
  EXPECT_NE(RawExec("UPDATE sealed_values SET path = 'x'"), SQLITE_OK);
  EXPECT_EQ(store_->Latest(kPersonA)->value().body, PersonBody(kPersonA, kContacts));
}

TEST_F(SealedStoreTest, RefusesReservedTextAndFiltersOnSensitiveFields) {
  OpenWithKey();
  base::Status status = Append(
      *store_, {Rev(kPersonA, Kind::kPlace, 1, R"({"remarks":"\u0000vka-sealed:x"})")});
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  auto filtered = store_->List({.kind = Kind::kPerson, .where = {{"contacts", "x"}}});
  EXPECT_EQ(filtered.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(filtered.status().message().find("sensitive"), std::string::npos);
}

TEST_F(SealedStoreTest, BodiesSealedOnAnotherThreadStaySealedAndMismatchesAreSealedAgain) {
  OpenWithKey();
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  std::shared_ptr<const BodySealer> sealer = (*tx)->MakeBodySealer();
  ASSERT_NE(sealer, nullptr);
  const std::string body_a = PersonBody(kPersonA, kContacts);
  const std::string body_b = PersonBody(kPersonB, "SYNTHETIC-SWAPPED-5521");
  Revision a = Rev(kPersonA, Kind::kPerson, 1, body_a);
  Revision b = Rev(kPersonB, Kind::kPerson, 1, body_b);
  std::thread worker([&] {
    a.prepared = sealer->Prepare(kPersonA, Kind::kPerson, 1, body_a);
    // Prepared for another body (one without sensitive values): Append must
    // not trust it for b's body.
    b.prepared = sealer->Prepare(kPersonB, Kind::kPerson, 1, R"({"kind":"person","names":[]})");
  });
  worker.join();
  ASSERT_NE(a.prepared, nullptr);
  ASSERT_NE(b.prepared, nullptr);
  ASSERT_TRUE((*tx)->Append(a).ok());
  ASSERT_TRUE((*tx)->Append(b).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  std::string bytes = FileBytes();
  EXPECT_EQ(bytes.find(kContacts), std::string::npos);
  EXPECT_EQ(bytes.find("SYNTHETIC-SWAPPED-5521"), std::string::npos);
  EXPECT_EQ(bytes.find(kIdentity), std::string::npos);
  EXPECT_EQ(store_->Latest(kPersonA)->value().body, body_a);
  EXPECT_EQ(store_->Latest(kPersonB)->value().body, body_b);
}

TEST_F(SealedStoreTest, WithoutADataKeyTheWorkerSealerPreparesOnlyPlainBodies) {
  store_ = Open(Loader());
  ASSERT_NE(store_, nullptr);
  auto tx = store_->Begin();
  ASSERT_TRUE(tx.ok()) << tx.status().ToString();
  std::shared_ptr<const BodySealer> sealer = (*tx)->MakeBodySealer();
  ASSERT_NE(sealer, nullptr);
  EXPECT_EQ(sealer->Prepare(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts)), nullptr);
  EXPECT_NE(sealer->Prepare(kPersonB, Kind::kPerson, 1, R"({"kind":"person","names":[]})"),
            nullptr);
  // Append still refuses the sensitive body, as without a prepared one.
  Revision a = Rev(kPersonA, Kind::kPerson, 1, PersonBody(kPersonA, kContacts));
  EXPECT_EQ((*tx)->Append(a).code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace vka::storage
