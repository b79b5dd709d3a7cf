#include "evidence/verify.h"

#include <gtest/gtest.h>

#include "evidence/checkpoint.h"
#include "evidence/leaf.h"
#include "evidence/tiles.h"

namespace vka::evidence {
namespace {

using base::Status;
using base::StatusCode;

// Writes a 1000-leaf log (3 full bundles and a partial one of 232) in memory
// with a signed checkpoint, and lets each test damage it (leveldb log_test
// style helpers).
class VerifyTilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto writer = std::move(LogWriter::Open(&env_, "log", 0)).value();
    std::vector<std::string> entries;
    for (int i = 0; i < kLeaves; ++i) {
      entries.push_back(RevisionLeaf(SaltedCommitment("salt" + std::to_string(i), "{}")));
    }
    ASSERT_TRUE(writer->Append(std::span(entries).subspan(0, 500)).ok());
    ASSERT_TRUE(writer->Append(std::span(entries).subspan(500)).ok());
    root_ = writer->root();
  }

  Status Verify() const { return VerifyTiles(env_, "log", kLeaves, root_); }
  void ExpectDataLoss(const std::string& message) const {
    Status s = Verify();
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
    EXPECT_EQ(s.message(), message);
  }
  std::string& File(const std::string& relative) {
    std::string* f = env_.MutableFile("log/" + relative);
    EXPECT_NE(f, nullptr) << relative;
    static std::string empty;
    return f ? *f : empty;
  }

  static constexpr int kLeaves = 1000;
  MemLogEnv env_;
  Hash root_{};
};


TEST_F(VerifyTilesTest, AcceptsAnIntactLog) { EXPECT_TRUE(Verify().ok()) << Verify().ToString(); }

TEST_F(VerifyTilesTest, ReportsAFlippedByteInAHashTile) {
  File("tile/0/001")[17 * 32 + 5] ^= 0x40;
  ExpectDataLoss("tile 0/001 hash 17 differs from the recomputed tree (leaf 273)");
}

TEST_F(VerifyTilesTest, ReportsAFlippedByteInALevelOnePartialTile) {
  File("tile/1/000.p/3")[2 * 32] ^= 1;
  ExpectDataLoss("tile 1/000.p/3 hash 2 differs from the recomputed tree");
}

TEST_F(VerifyTilesTest, ReportsAFlippedByteInAnEntry) {
  File("tile/entries/002")[2 + 40 * 35 + 7] ^= 1;  // entry 40 of bundle 2 (35 bytes each)
  ExpectDataLoss("tile 0/002 hash 40 differs from the recomputed tree (leaf 552)");
}

TEST_F(VerifyTilesTest, ReportsATruncatedEntryBundle) {
  File("tile/entries/001").pop_back();
  ExpectDataLoss("entry bundle 001: entry bundle is truncated in entry 255");
}

TEST_F(VerifyTilesTest, ReportsAnEntryBundleMissingWholeEntries) {
  std::string& bundle = File("tile/entries/003.p/232");
  bundle.resize(bundle.size() - 35);
  ExpectDataLoss("entry bundle 003.p/232 has 231 entries, expected 232");
}

TEST_F(VerifyTilesTest, ReportsARemovedTile) {
  ASSERT_TRUE(env_.Remove("log/tile/0/002").ok());
  ExpectDataLoss("tile 0/002 is missing");
}

TEST_F(VerifyTilesTest, ReportsARemovedEntryBundle) {
  ASSERT_TRUE(env_.Remove("log/tile/entries/000").ok());
  ExpectDataLoss("entry bundle 000 is missing");
}

TEST_F(VerifyTilesTest, ReportsReorderedEntries) {
  std::string& bundle = File("tile/entries/000");
  const std::string fifth = bundle.substr(5 * 35, 35);
  bundle.replace(5 * 35, 35, bundle.substr(6 * 35, 35));
  bundle.replace(6 * 35, 35, fifth);
  ExpectDataLoss("tile 0/000 hash 5 differs from the recomputed tree (leaf 5)");
}

TEST_F(VerifyTilesTest, ReportsATileOfTheWrongLength) {
  File("tile/0/003.p/232").append("x");
  ExpectDataLoss("tile 0/003.p/232 has 7425 bytes, expected 7424");
}

TEST_F(VerifyTilesTest, ReportsACheckpointThatDoesNotMatch) {
  root_[0] ^= 1;
  Status s = Verify();
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.message().rfind("the entries give root ", 0), 0u) << s.message();
}

TEST_F(VerifyTilesTest, ConsistentRewriteOfEntriesAndTilesIsCaughtByTheRoot) {
  // An attacker who rewrites an entry and every tile above it still cannot
  // match the signed checkpoint's root.
  MemLogEnv other;
  auto writer = std::move(LogWriter::Open(&other, "log", 0)).value();
  std::vector<std::string> entries(kLeaves, RevisionLeaf(Hash{}));
  ASSERT_TRUE(writer->Append(entries).ok());
  Status s = VerifyTiles(other, "log", kLeaves, root_);
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
}

TEST(Leaf, EntriesAreTypeByteAndHash) {
  const Hash c = SaltedCommitment("salt", "{\"a\":1}");
  EXPECT_EQ(c, base::Sha256Of("salt{\"a\":1}"));
  const std::string entry = RevisionLeaf(c);
  ASSERT_EQ(entry.size(), 33u);
  EXPECT_EQ(entry[0], '\x01');
  EXPECT_EQ(EvidenceFileLeaf(c)[0], '\x02');
  EXPECT_EQ(CustodyEventLeaf(c)[0], '\x03');
  auto parsed = ParseLeafEntry(entry);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->type, format::LeafType::kRevision);
  EXPECT_EQ(parsed->hash, c);
  EXPECT_EQ(ParseLeafEntry(entry.substr(1)).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(ParseLeafEntry("\x09" + entry.substr(1)).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace vka::evidence
