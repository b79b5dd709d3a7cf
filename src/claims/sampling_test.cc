#include "claims/sampling.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace vka::claims {
namespace {

TEST(Sampling, SampleSizeMatchesTheTextbookFigure) {
  // 1.96^2 * 0.25 / 0.05^2 = 384.1 -> 385 for a very large population.
  EXPECT_EQ(SampleSize(100000000, 0.05, 0.95), 385);
  // Finite population correction: 385 of 1000 -> 278.
  EXPECT_EQ(SampleSize(1000, 0.05, 0.95), 278);
  EXPECT_EQ(SampleSize(10, 0.05, 0.95), 10);
  EXPECT_NEAR(NormalQuantile(0.975), 1.959964, 1e-6);
}

TEST(Sampling, DrawIsDeterministicDistinctAndOfTheRequestedSize) {
  std::vector<std::string> ids;
  for (int i = 0; i < 1000; ++i) ids.push_back("clm_" + std::to_string(i));
  auto a = DrawSample(ids, 100, 7);
  auto b = DrawSample(ids, 100, 7);
  EXPECT_EQ(a.size(), 100u);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, DrawSample(ids, 100, 8));
  EXPECT_EQ(std::set<std::string>(a.begin(), a.end()).size(), 100u);
}

TEST(Sampling, UpperBoundOnHandComputedCases) {
  // No errors in n: the bound solves (1-p)^n = 1-c; n = 59, c = 0.95 -> 0.0495.
  auto b = ErrorRateUpperBound(0, 59, 0.95);
  ASSERT_TRUE(b.ok());
  EXPECT_NEAR(*b, 1 - std::pow(0.05, 1.0 / 59), 1e-9);
  EXPECT_FALSE(ErrorRateUpperBound(5, 4, 0.95).ok());
  EXPECT_FALSE(ErrorRateUpperBound(1, 10, 1.0).ok());
}

// The confidence statement checked by simulation: over many samples from a
// category with a known error rate, the upper bound covers the true rate at
// least as often as stated (Clopper-Pearson is conservative).
TEST(Sampling, StatedConfidenceHoldsInSimulation) {
  constexpr int kTrials = 4000;
  constexpr int64_t kSample = 150;
  std::mt19937_64 rng(42);
  for (double true_rate : {0.01, 0.05, 0.2}) {
    for (double confidence : {0.9, 0.95}) {
      int covered = 0;
      for (int trial = 0; trial < kTrials; ++trial) {
        int64_t errors = 0;
        for (int64_t i = 0; i < kSample; ++i) errors += (rng() >> 11) * 0x1.0p-53 < true_rate;
        auto bound = ErrorRateUpperBound(errors, kSample, confidence);
        ASSERT_TRUE(bound.ok());
        covered += *bound >= true_rate;
      }
      double coverage = static_cast<double>(covered) / kTrials;
      // Simulation noise: sd of the coverage is about 0.005 at 4000 trials.
      EXPECT_GE(coverage, confidence - 0.015) << "rate " << true_rate << " confidence " << confidence;
      // And not trivially: a bound of 1 always covers; ours is informative.
      auto typical = ErrorRateUpperBound(static_cast<int64_t>(true_rate * kSample), kSample, confidence);
      EXPECT_LT(*typical, true_rate + 0.12);
    }
  }
}

}  // namespace
}  // namespace vka::claims
