#include "app/log.h"

#include <gtest/gtest.h>

#include <fstream>

#include "app/records.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

class LogTest : public testing::WorkspaceTest {
 protected:
  std::string Add(const std::string& value) {
    auto id = AddRecord(*ws_, model::Kind::kPlace,
                        R"({"names":[{"value":")" + value + "\"}]}", {"t", ""});
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : "";
  }
};

TEST_F(LogTest, EveryRevisionIsALeafAndTheCheckpointFollows) {
  std::string id = Add("A");
  Add("B");
  ASSERT_TRUE(EditRecord(*ws_, id, {{"type", "city"}}, {"t", "typo"}).ok());
  auto state = CurrentCheckpoint(*ws_);
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(state->size, 3u);
  EXPECT_EQ(state->checkpoint.rfind(ws_->config().log_origin + "\n3\n", 0), 0u) << state->checkpoint;
  auto verified = VerifyWorkspace(*ws_, false, {});
  EXPECT_TRUE(verified.ok()) << verified.status().ToString();
  auto leaf = DescribeLeaf(*ws_, id);
  ASSERT_TRUE(leaf.ok());
  EXPECT_NE(leaf->find(id + "@2 is committed by log leaf 2"), std::string::npos) << *leaf;
}

TEST_F(LogTest, ProofsAreCheckedAgainstTheCheckpointSize) {
  for (int i = 0; i < 5; ++i) Add("P" + std::to_string(i));
  EXPECT_TRUE(InclusionProofText(*ws_, 4, std::nullopt).ok());
  EXPECT_EQ(InclusionProofText(*ws_, 5, std::nullopt).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(ConsistencyProofText(*ws_, 2, std::nullopt).ok());
  EXPECT_EQ(ConsistencyProofText(*ws_, 6, std::nullopt).status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST_F(LogTest, ATamperedTileIsDataLoss) {
  for (int i = 0; i < 3; ++i) Add("T" + std::to_string(i));
  std::string tile = dir_->Join("ws/log/tile/0/000.p/3");
  std::fstream f(tile, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(f.good()) << tile;
  f.seekp(40);
  f.put('\x5a');
  f.close();
  auto verified = VerifyWorkspace(*ws_, true, {});
  ASSERT_FALSE(verified.ok());
  EXPECT_EQ(verified.status().code(), base::StatusCode::kDataLoss);
  EXPECT_NE(verified.status().message().find("tile"), std::string::npos)
      << verified.status().message();
}

}  // namespace
}  // namespace vka::app
