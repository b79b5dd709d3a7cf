#include "base/ulid.h"

#include <gtest/gtest.h>

#include <set>

namespace vka::base {
namespace {

TEST(Ulid, EncodesTimeAndRandomnessInCrockfordBase32) {
  const uint8_t zeros[10] = {};
  EXPECT_EQ(MakeUlid(0, zeros), "00000000000000000000000000");
  const uint8_t ones[10] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
  EXPECT_EQ(MakeUlid(0xFFFFFFFFFFFF, ones), "7ZZZZZZZZZZZZZZZZZZZZZZZZZ");
  // The spec README example: time 1469922850259 is "01ARZ3NDEK".
  EXPECT_EQ(MakeUlid(1469922850259, zeros).substr(0, 10), "01ARZ3NDEK");
}

TEST(Ulid, NewUlidsAreValidUniqueAndSorted) {
  std::string previous;
  std::set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    std::string id = NewUlid();
    ASSERT_TRUE(IsValidUlid(id)) << id;
    ASSERT_LT(previous, id);
    previous = id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 10000u);
}

TEST(Ulid, RejectsMalformedText) {
  EXPECT_FALSE(IsValidUlid(""));
  EXPECT_FALSE(IsValidUlid("01ARYZ6S41TSV4RRFFQ69G5FA"));    // 25 chars
  EXPECT_FALSE(IsValidUlid("01ARYZ6S41TSV4RRFFQ69G5FAVX"));  // 27 chars
  EXPECT_FALSE(IsValidUlid("01ARYZ6S41TSV4RRFFQ69G5FAI"));   // I is not Crockford
  EXPECT_FALSE(IsValidUlid("01arYZ6S41TSV4RRFFQ69G5FAV"));   // lower case
  EXPECT_FALSE(IsValidUlid("81ARYZ6S41TSV4RRFFQ69G5FAV"));   // overflows 128 bits
  EXPECT_TRUE(IsValidUlid("01ARYZ6S41TSV4RRFFQ69G5FAV"));
}

}  // namespace
}  // namespace vka::base
