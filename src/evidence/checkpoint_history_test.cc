#include "evidence/checkpoint_history.h"

#include <gtest/gtest.h>

namespace vka::evidence {
namespace {

using base::StatusCode;

constexpr char kOrigin[] = "vka.example/log";

// A 10-leaf tree in memory and checkpoints of it signed with a fixed seed.
class CheckpointHistoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 10; ++i) leaves_.push_back(LeafHash("leaf " + std::to_string(i)));
    Ed25519Seed seed{};
    for (size_t i = 0; i < seed.size(); ++i) seed[i] = static_cast<uint8_t>(i);
    signer_ = std::make_unique<NoteSigner>(std::move(NoteSigner::FromSeed(kOrigin, seed)).value());
    key_ = std::move(NoteVerifier::Parse(signer_->VerifierKey())).value();
    latest_ = Checkpoint{kOrigin, 10, Root(10), {}};
  }

  Hash Root(uint64_t size) const { return TreeHash(LeafHashReader(leaves_), size).value(); }
  StoredCheckpoint Stored(uint64_t size, const Hash& root, const NoteSigner& signer) const {
    std::string note = SignCheckpoint(Checkpoint{signer.name(), size, root, {}}, signer).value();
    return {"log/checkpoints/" + std::to_string(size), size, note};
  }
  StoredCheckpoint Stored(uint64_t size) const { return Stored(size, Root(size), *signer_); }
  base::Status Check(const StoredCheckpoint& stored) const {
    LeafHashReader tree(leaves_);
    return CheckStoredCheckpoint(stored, key_, latest_, tree);
  }
  void ExpectDataLoss(const base::Status& s, const std::string& message) const {
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
    EXPECT_EQ(s.message(), message);
  }

  std::vector<Hash> leaves_;
  std::unique_ptr<NoteSigner> signer_;
  NoteVerifier key_;
  Checkpoint latest_;
};

TEST(HistoryNameTest, OnlyCanonicalDecimalNamesAreSizes) {
  EXPECT_EQ(ParseHistoryName("0"), 0u);
  EXPECT_EQ(ParseHistoryName("12"), 12u);
  EXPECT_EQ(ParseHistoryName("18446744073709551615"), UINT64_MAX);
  for (const char* bad : {"", "012", "1a", "-1", ".12.tmp-01J", "18446744073709551616"}) {
    EXPECT_EQ(ParseHistoryName(bad), std::nullopt) << bad;
  }
}

TEST_F(CheckpointHistoryTest, EveryPrefixOfTheLogPasses) {
  std::vector<StoredCheckpoint> history;
  for (uint64_t size : {0, 1, 3, 4, 7, 10}) {
    history.push_back(Stored(size));
    EXPECT_TRUE(Check(history.back()).ok()) << size << ": " << Check(history.back()).ToString();
  }
  LeafHashReader tree(leaves_);
  auto checked = CheckCheckpointHistory(history, key_, latest_, tree);
  ASSERT_TRUE(checked.ok()) << checked.status().ToString();
  EXPECT_EQ(*checked, 6u);
}

TEST_F(CheckpointHistoryTest, AFlippedSignatureByteIsABadSignature) {
  StoredCheckpoint stored = Stored(4);
  char& c = stored.note[stored.note.size() - 10];  // inside the base64 signature
  c = c == 'A' ? 'B' : 'A';
  ExpectDataLoss(Check(stored), "log/checkpoints/4: bad signature");
}

TEST_F(CheckpointHistoryTest, AnotherKeyOrOriginIsRefused) {
  Ed25519Seed seed{};
  seed.fill(7);
  NoteSigner other = std::move(NoteSigner::FromSeed("other.example/log", seed)).value();
  ExpectDataLoss(Check(Stored(4, Root(4), other)),
                 "log/checkpoints/4: not signed by the log's key vka.example/log");
  NoteSigner same_name = std::move(NoteSigner::FromSeed(kOrigin, seed)).value();
  ExpectDataLoss(Check(Stored(4, Root(4), same_name)),
                 "log/checkpoints/4: not signed by the log's key vka.example/log");
}

TEST_F(CheckpointHistoryTest, AFileNameThatDisagreesWithTheSizeIsDamage) {
  StoredCheckpoint stored = Stored(4);
  stored.where = "log/checkpoints/5";
  stored.size = 5;
  ExpectDataLoss(Check(stored), "log/checkpoints/5: holds a checkpoint of size 4");
}

TEST_F(CheckpointHistoryTest, ADifferentRootIsADifferentHistory) {
  Hash forged = Root(4);
  forged[0] ^= 0x80;
  ExpectDataLoss(Check(Stored(4, forged, *signer_)),
                 "checkpoint of size 4 (log/checkpoints/4) is not consistent with the log: root " +
                     base::HexLower(forged) + " vs " + base::HexLower(Root(4)) +
                     " (a different history)");
}

TEST_F(CheckpointHistoryTest, ACheckpointBeyondTheLogMeansTruncation) {
  leaves_.push_back(LeafHash("leaf 10"));
  leaves_.push_back(LeafHash("leaf 11"));
  StoredCheckpoint newer = Stored(12);
  leaves_.resize(10);
  ExpectDataLoss(Check(newer),
                 "checkpoint of size 12 (log/checkpoints/12) is beyond the log's 10 leaves "
                 "(log truncated)");
}

TEST_F(CheckpointHistoryTest, TheOldestDamageIsReportedAndTheNewestMustBeTheLatest) {
  Hash forged = Root(7);
  forged[31] ^= 0x01;
  std::vector<StoredCheckpoint> history = {Stored(2), Stored(3, Root(4), *signer_),
                                           Stored(7, forged, *signer_), Stored(10)};
  LeafHashReader tree(leaves_);
  auto checked = CheckCheckpointHistory(history, key_, latest_, tree);
  ASSERT_FALSE(checked.ok());
  EXPECT_EQ(checked.status().message().rfind("checkpoint of size 3 (log/checkpoints/3)", 0), 0u)
      << checked.status().message();

  std::vector<StoredCheckpoint> stale = {Stored(2), Stored(9)};
  ExpectDataLoss(CheckCheckpointHistory(stale, key_, latest_, tree).status(),
                 "log/checkpoint (size 10) is not the newest stored checkpoint "
                 "(log/checkpoints/9)");
  ExpectDataLoss(CheckCheckpointHistory({}, key_, latest_, tree).status(),
                 "log/checkpoints/ is empty");
}

}  // namespace
}  // namespace vka::evidence
