#include "linkage/comparators.h"

#include <gtest/gtest.h>

namespace vka::linkage {
namespace {

TEST(JaroWinkler, KnownValues) {
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", ""), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("martha", "martha"), 1.0);
  EXPECT_NEAR(JaroWinkler("martha", "marhta"), 0.9611, 1e-4);
  EXPECT_NEAR(JaroWinkler("dwayne", "duane"), 0.84, 1e-4);
  EXPECT_NEAR(JaroWinkler("dixon", "dicksonx"), 0.8133, 1e-4);
  EXPECT_DOUBLE_EQ(JaroWinkler("abc", "xyz"), 0.0);
  std::string long_a(100, 'a'), long_b(100, 'a');
  long_b[50] = 'b';
  EXPECT_GT(JaroWinkler(long_a, long_b), 0.98);
}

TEST(BoundedLevenshtein, WithinAndBeyondBound) {
  EXPECT_EQ(BoundedLevenshtein("kitten", "sitting", 5), 3);
  EXPECT_EQ(BoundedLevenshtein("kitten", "sitting", 2), 3);  // bound + 1
  EXPECT_EQ(BoundedLevenshtein("", "abc", 5), 3);
  EXPECT_EQ(BoundedLevenshtein("abc", "abc", 0), 0);
  EXPECT_EQ(BoundedLevenshtein("1234567", "1234576", 2), 2);
  EXPECT_EQ(BoundedLevenshtein("a", "abcdef", 2), 3);
}

TEST(TokenJaccard, Sets) {
  EXPECT_DOUBLE_EQ(TokenJaccard("old town", "town old"), 1.0);
  EXPECT_DOUBLE_EQ(TokenJaccard("old town", "new town"), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(TokenJaccard("", ""), 1.0);
  EXPECT_DOUBLE_EQ(TokenJaccard("a", ""), 0.0);
}

DateLevel Cmp(const char* a, const char* b) {
  auto da = ParseDateValue(a), db = ParseDateValue(b);
  EXPECT_TRUE(da && db) << a << " " << b;
  return CompareDates(*da, *db);
}

TEST(Dates, Levels) {
  EXPECT_EQ(Cmp("1954-11-02", "19541102"), DateLevel::kExactDay);
  EXPECT_EQ(Cmp("1954-11-02", "1954-11-03"), DateLevel::kTypo);
  EXPECT_EQ(Cmp("1954-11-02", "1954-02-11"), DateLevel::kTypo);  // day/month swapped
  EXPECT_EQ(Cmp("1954", "1954-11-02"), DateLevel::kSameYear);
  EXPECT_EQ(Cmp("1954~", "1954"), DateLevel::kSameYear);
  EXPECT_EQ(Cmp("1954-03-20", "1954-11-02"), DateLevel::kOtherDay);
  EXPECT_EQ(Cmp("1953", "1954-11-02"), DateLevel::kYearOff1);
  EXPECT_EQ(Cmp("195X", "1954"), DateLevel::kOverlap);
  EXPECT_EQ(Cmp("1930", "1954"), DateLevel::kDifferent);
  EXPECT_FALSE(ParseDateValue("").has_value());
  EXPECT_FALSE(ParseDateValue("not a date").has_value());
  EXPECT_FALSE(ParseDateValue("1954/..").has_value());  // open: treated as missing
}

}  // namespace
}  // namespace vka::linkage
