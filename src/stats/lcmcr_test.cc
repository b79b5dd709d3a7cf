#include "stats/lcmcr.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "stats/internal/random.h"
#include "stats/loglinear.h"

namespace vka::stats {
namespace {

using ::testing::HasSubstr;

// A population of n_total people in two latent classes: a share `hard` is
// hard to document (each list finds them with probability p_hard), the rest
// easy (p_easy). Lists are independent within a class, dependent overall.
std::vector<int64_t> SimulateTwoClasses(uint64_t seed, int lists, int n_total, double hard,
                                        double p_hard, double p_easy) {
  internal::Rng rng(seed);
  std::vector<int64_t> counts(size_t{1} << lists, 0);
  for (int person = 0; person < n_total; ++person) {
    const double p = rng.Unit() < hard ? p_hard : p_easy;
    uint32_t pattern = 0;
    for (int j = 0; j < lists; ++j) {
      if (rng.Unit() < p) pattern |= 1u << j;
    }
    counts[pattern]++;
  }
  counts[0] = 0;
  return counts;
}

LcmcrOptions QuickOptions() {
  LcmcrOptions o;
  o.burn_in = 2000;
  o.samples = 1000;
  o.thinning = 8;
  o.seed = 42;
  return o;
}

TEST(LcmcrTest, RecoversNWhereIndependenceIsBiased) {
  constexpr int kTrueN = 2000;
  auto counts = SimulateTwoClasses(7, 5, kTrueN, 0.4, 0.12, 0.55);
  auto independence = EstimateLoglinearModel(counts, 5, {}, 0.95);
  ASSERT_TRUE(independence.ok());
  EXPECT_LT(independence->upper, kTrueN) << "the test needs a biased independence model";
  auto est = EstimateLcmcr(counts, 5, QuickOptions());
  ASSERT_TRUE(est.ok()) << est.status().ToString();
  EXPECT_LE(est->lower, kTrueN);
  EXPECT_GE(est->upper, kTrueN);
  EXPECT_NEAR(est->estimate / kTrueN, 1.0, 0.15);
  EXPECT_GT(est->estimate, independence->upper);
  EXPECT_LT(est->rhat, 1.1);
  EXPECT_GT(est->ess, 50);
}

TEST(LcmcrTest, SameSeedSameDraws) {
  auto counts = SimulateTwoClasses(3, 4, 500, 0.3, 0.2, 0.6);
  LcmcrOptions o = QuickOptions();
  o.burn_in = 200;
  o.samples = 100;
  auto a = EstimateLcmcr(counts, 4, o);
  o.threads = 1;  // threads must not change the draws
  auto b = EstimateLcmcr(counts, 4, o);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->draws, b->draws);
  o.seed = 43;
  auto c = EstimateLcmcr(counts, 4, o);
  ASSERT_TRUE(c.ok());
  EXPECT_NE(a->draws, c->draws);
}

TEST(LcmcrTest, ChainsDifferFromEachOther) {
  auto counts = SimulateTwoClasses(3, 4, 500, 0.3, 0.2, 0.6);
  LcmcrOptions o = QuickOptions();
  o.burn_in = 100;
  o.samples = 50;
  auto est = EstimateLcmcr(counts, 4, o);
  ASSERT_TRUE(est.ok());
  ASSERT_EQ(est->draws.size(), 2u);
  EXPECT_NE(est->draws[0], est->draws[1]);
  EXPECT_EQ(est->iterations_per_chain, 100 + 50 * 8);
}

TEST(LcmcrTest, TooShortRunIsFlagged) {
  auto counts = SimulateTwoClasses(9, 5, 2000, 0.4, 0.12, 0.55);
  LcmcrOptions o = QuickOptions();
  o.burn_in = 0;
  o.samples = 20;
  o.thinning = 1;
  auto est = EstimateLcmcr(counts, 5, o);
  ASSERT_TRUE(est.ok());
  ASSERT_FALSE(est->warnings.empty());
  EXPECT_THAT(est->warnings.back(), HasSubstr("effective sample size"));
}

TEST(LcmcrTest, RejectsBadOptionsAndEmptyTables) {
  std::vector<int64_t> empty(8, 0);
  EXPECT_FALSE(EstimateLcmcr(empty, 3, QuickOptions()).ok());
  LcmcrOptions o = QuickOptions();
  o.k_star = 0;
  EXPECT_FALSE(EstimateLcmcr(SimulateTwoClasses(1, 3, 100, 0.5, 0.3, 0.6), 3, o).ok());
}

}  // namespace
}  // namespace vka::stats
