#include "stats/mse.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace vka::stats {
namespace {

using ::testing::HasSubstr;

MseOptions Quick() {
  MseOptions o;
  o.lcmcr_options.burn_in = 300;
  o.lcmcr_options.samples = 200;
  o.lcmcr_options.thinning = 2;
  return o;
}

TEST(MseTest, TwoListsReportLincolnPetersenAndChapman) {
  auto table = TableFromCounts({"A", "B"}, {0, 60, 40, 20});
  ASSERT_TRUE(table.ok());
  MseOptions o = Quick();
  o.lcmcr = false;
  auto r = EstimatePopulation(*table, o);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->totals.size(), 1u);
  const MethodResult& ll = r->totals[0];
  EXPECT_NEAR(ll.estimate, 80.0 * 60 / 20, 1e-7);
  EXPECT_NEAR(ll.missing, 240.0 - 120, 1e-7);
  EXPECT_NEAR(ll.chapman, 81.0 * 61 / 21 - 1, 1e-12);
  EXPECT_EQ(r->caveats.size(), 2u);
  EXPECT_THAT(r->caveats[0], HasSubstr("lower bounds"));
}

TEST(MseTest, StrataAreSummed) {
  std::vector<TableRow> rows = {{1, {"s", "A", "B", "C", "count"}}};
  const char* cells[] = {"100", "010", "110", "001", "101", "011", "111"};
  const int counts_x[] = {90, 70, 25, 55, 20, 15, 8};
  const int counts_y[] = {45, 35, 12, 28, 10, 7, 4};
  int64_t line = 2;
  for (int c = 0; c < 7; ++c) {
    for (auto [name, n] : {std::pair{"x", counts_x[c]}, std::pair{"y", counts_y[c]}}) {
      rows.push_back({line++, {name, std::string(1, cells[c][0]), std::string(1, cells[c][1]),
                               std::string(1, cells[c][2]), std::to_string(n)}});
    }
  }
  auto table = ParseOverlapTable(rows, "t.csv", "s");
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  auto r = EstimatePopulation(*table, Quick());
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->strata.size(), 4u);  // 2 strata x 2 methods
  ASSERT_EQ(r->totals.size(), 2u);
  for (const auto& total : r->totals) {
    double sum = 0;
    int64_t observed = 0;
    for (const auto& s : r->strata) {
      if (s.method == total.method) observed += s.observed;
      if (s.method == total.method && total.method == "loglinear") sum += s.estimate;
    }
    EXPECT_EQ(total.observed, observed);
    if (total.method == "loglinear") {
      EXPECT_NEAR(total.estimate, sum, 1e-9);
    }
    EXPECT_LE(total.lower, total.estimate);
    EXPECT_GE(total.upper, total.estimate);
  }
  const auto& lc = *r->totals[1].lcmcr;
  EXPECT_EQ(lc.draws[0][0], r->strata[1].lcmcr->draws[0][0] + r->strata[3].lcmcr->draws[0][0]);
}

TEST(MseTest, RejectsNoMethod) {
  auto table = TableFromCounts({"A", "B"}, {0, 60, 40, 20});
  MseOptions o;
  o.loglinear = o.lcmcr = false;
  EXPECT_FALSE(EstimatePopulation(*table, o).ok());
}

}  // namespace
}  // namespace vka::stats
