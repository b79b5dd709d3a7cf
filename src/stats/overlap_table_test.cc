#include "stats/overlap_table.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vka::stats {
namespace {

using ::testing::HasSubstr;

std::vector<TableRow> Rows(std::vector<std::vector<std::string>> fields) {
  std::vector<TableRow> rows;
  int64_t line = 1;
  for (auto& f : fields) rows.push_back({line++, std::move(f)});
  return rows;
}

TEST(OverlapTableTest, ParsesCountsByPattern) {
  auto t = ParseOverlapTable(Rows({{"A", "B", "C", "count"},
                                   {"1", "0", "0", "10"},
                                   {"1", "1", "0", "4"},
                                   {"0", "0", "1", "7"},
                                   {"1", "0", "0", "2"}}),
                             "t.csv");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->list_names, std::vector<std::string>({"A", "B", "C"}));
  EXPECT_EQ(t->counts[0][0b001], 12);  // repeated pattern rows add up
  EXPECT_EQ(t->counts[0][0b011], 4);
  EXPECT_EQ(t->counts[0][0b100], 7);
  EXPECT_EQ(t->Observed(0), 23);
}

TEST(OverlapTableTest, SplitsByStratumColumn) {
  auto t = ParseOverlapTable(Rows({{"period", "A", "B", "count"},
                                   {"1988", "1", "0", "3"},
                                   {"1990", "1", "1", "5"},
                                   {"1988", "0", "1", "2"}}),
                             "t.csv", "period");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->strata, std::vector<std::string>({"1988", "1990"}));
  EXPECT_EQ(t->Observed(0), 5);
  EXPECT_EQ(t->Pooled()[0b11], 5);
}

TEST(OverlapTableTest, WithoutCountColumnEachRowIsOnePerson) {
  auto t = ParseOverlapTable(Rows({{"A", "B"}, {"1", "0"}, {"1", "0"}, {"1", "1"}}), "t.csv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->counts[0][0b01], 2);
}

TEST(OverlapTableTest, ErrorsNameLineAndColumn) {
  auto bad01 = ParseOverlapTable(Rows({{"A", "B", "count"}, {"1", "2", "5"}}), "t.csv");
  EXPECT_THAT(bad01.status().message(), HasSubstr("t.csv:2: column 'B': \"2\" is not 0 or 1"));
  auto bad_count = ParseOverlapTable(Rows({{"A", "B", "count"}, {"1", "0", "-5"}}), "t.csv");
  EXPECT_THAT(bad_count.status().message(), HasSubstr("t.csv:2: column 'count'"));
  auto zero = ParseOverlapTable(Rows({{"A", "B", "count"}, {"1", "0", "1"}, {"0", "0", "9"}}), "t.csv");
  EXPECT_THAT(zero.status().message(), HasSubstr("t.csv:3: the all-zero pattern"));
  auto one_list = ParseOverlapTable(Rows({{"A", "count"}, {"1", "1"}}), "t.csv");
  EXPECT_THAT(one_list.status().message(), HasSubstr("1 list columns"));
  auto ragged = ParseOverlapTable(Rows({{"A", "B", "count"}, {"1", "0"}}), "t.csv");
  EXPECT_THAT(ragged.status().message(), HasSubstr("t.csv:2: 2 fields"));
  auto no_stratum = ParseOverlapTable(Rows({{"A", "B", "count"}, {"1", "0", "1"}}), "t.csv", "district");
  EXPECT_THAT(no_stratum.status().message(), HasSubstr("no stratum column 'district'"));
  std::vector<std::string> wide;
  for (int j = 0; j < 16; ++j) wide.push_back("L" + std::to_string(j));
  auto too_wide = ParseOverlapTable(Rows({wide}), "t.csv");
  EXPECT_THAT(too_wide.status().message(), HasSubstr("16 list columns"));
}

TEST(OverlapTableTest, PatternStringIsInListOrder) { EXPECT_EQ(PatternString(0b011, 3), "110"); }

}  // namespace
}  // namespace vka::stats
