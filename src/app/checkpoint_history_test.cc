#include "app/internal/checkpoint_history.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/log.h"
#include "app/records.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

namespace fs = std::filesystem;

class CheckpointHistoryAppTest : public testing::WorkspaceTest {
 protected:
  void Add(const std::string& value) {
    auto id = AddRecord(*ws_, model::Kind::kPlace, R"({"names":[{"value":")" + value + "\"}]}",
                        {"t", ""});
    ASSERT_TRUE(id.ok()) << id.status().ToString();
  }
  fs::path LogDir() const { return ws_->dir() / "log"; }
  std::vector<uint64_t> Sizes() const {
    auto history = internal::ReadCheckpointHistory(LogDir());
    EXPECT_TRUE(history.ok()) << history.status().ToString();
    std::vector<uint64_t> sizes;
    if (history.ok()) {
      for (const auto& stored : *history) sizes.push_back(stored.size);
    }
    return sizes;
  }
  evidence::NoteVerifier Key() {
    return std::move(evidence::NoteVerifier::Parse(LogVerifierKey(*ws_).value())).value();
  }
};

TEST_F(CheckpointHistoryAppTest, EveryPublicationIsKeptAndTheLatestIsTheNewest) {
  Add("A");
  Add("B");
  Add("C");
  EXPECT_EQ(Sizes(), (std::vector<uint64_t>{1, 2, 3}));
  auto latest = CurrentCheckpoint(*ws_);
  ASSERT_TRUE(latest.ok());
  auto stored = StoredCheckpointNote(*ws_, 3);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(*stored, latest->checkpoint);
  EXPECT_EQ(StoredCheckpointNote(*ws_, 7).status().code(), base::StatusCode::kNotFound);
  auto verified = VerifyWorkspace(*ws_, true, {});
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_NE(verified->find("3 stored checkpoints (sizes 1 to 3)"), std::string::npos) << *verified;
}

TEST_F(CheckpointHistoryAppTest, AWorkspaceWithoutHistoryGetsItsCheckpointAsTheFirstEntry) {
  Add("A");
  Add("B");
  fs::remove_all(LogDir() / "checkpoints");
  ASSERT_TRUE(CurrentCheckpoint(*ws_).ok());
  EXPECT_EQ(Sizes(), (std::vector<uint64_t>{2}));
  fs::remove_all(LogDir() / "checkpoints");
  Add("C");  // the first publication keeps the old checkpoint first
  EXPECT_EQ(Sizes(), (std::vector<uint64_t>{2, 3}));
}

TEST_F(CheckpointHistoryAppTest, KeepingIsIdempotentButNeverReplaces) {
  Add("A");
  auto latest = CurrentCheckpoint(*ws_);
  ASSERT_TRUE(latest.ok());
  auto parsed = evidence::OpenCheckpoint(latest->checkpoint, Key());
  ASSERT_TRUE(parsed.ok());
  EXPECT_TRUE(internal::KeepCheckpoint(LogDir(), *parsed, latest->checkpoint, Key()).ok());
  evidence::Checkpoint other = *parsed;
  other.root[0] ^= 1;
  base::Status s = internal::KeepCheckpoint(LogDir(), other, "not written", Key());
  EXPECT_EQ(s.code(), base::StatusCode::kDataLoss) << s.ToString();
  EXPECT_NE(s.message().find("log/checkpoints/1 holds another checkpoint of that size"),
            std::string::npos)
      << s.message();
  EXPECT_EQ(StoredCheckpointNote(*ws_, 1).value(), latest->checkpoint);
}

TEST_F(CheckpointHistoryAppTest, TemporaryFilesAreSkippedAndForeignFilesAreDamage) {
  Add("A");
  std::ofstream(LogDir() / "checkpoints" / ".2.tmp-01JX") << "partial";
  EXPECT_EQ(Sizes(), (std::vector<uint64_t>{1}));
  std::ofstream(LogDir() / "checkpoints" / "02") << "x";
  auto history = internal::ReadCheckpointHistory(LogDir());
  EXPECT_EQ(history.status().code(), base::StatusCode::kDataLoss);
  EXPECT_EQ(history.status().message(),
            "log/checkpoints/02: not a checkpoint size (a file added to the history)");
}

}  // namespace
}  // namespace vka::app
