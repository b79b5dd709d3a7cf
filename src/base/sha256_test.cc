#include "base/sha256.h"

#include <gtest/gtest.h>

namespace vka::base {
namespace {

TEST(Sha256, MatchesFipsVectors) {
  EXPECT_EQ(HexLower(Sha256Of("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(HexLower(Sha256Of("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, StreamingEqualsOneShotAndResets) {
  Sha256 h;
  h.Update("ab");
  h.Update("c");
  EXPECT_EQ(h.Finish(), Sha256Of("abc"));
  h.Update("");
  EXPECT_EQ(h.Finish(), Sha256Of(""));
}

}  // namespace
}  // namespace vka::base
