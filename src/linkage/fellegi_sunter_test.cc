#include "linkage/fellegi_sunter.h"

#include <map>
#include <random>

#include <gtest/gtest.h>

namespace vka::linkage {
namespace {

// Simulates comparison vectors from known m, u and lambda, counts patterns,
// and checks that EM recovers the parameters.
TEST(EstimateEm, RecoversKnownParameters) {
  const std::vector<std::vector<double>> m = {{0.9, 0.07, 0.03}, {0.85, 0.15}, {0.8, 0.1, 0.1}};
  const std::vector<std::vector<double>> u = {{0.02, 0.08, 0.9}, {0.1, 0.9}, {0.05, 0.15, 0.8}};
  const double lambda = 0.2;
  const int pairs = 200000;
  std::mt19937_64 rng(42);
  std::uniform_real_distribution<double> unit(0, 1);
  auto draw = [&](const std::vector<double>& p) {
    double x = unit(rng), acc = 0;
    for (size_t l = 0; l < p.size(); ++l) {
      acc += p[l];
      if (x < acc) return static_cast<int>(l);
    }
    return static_cast<int>(p.size()) - 1;
  };
  std::map<std::vector<int>, double> counts;
  for (int i = 0; i < pairs; ++i) {
    bool match = unit(rng) < lambda;
    std::vector<int> levels;
    for (size_t f = 0; f < m.size(); ++f) levels.push_back(draw(match ? m[f] : u[f]));
    counts[levels] += 1;
  }
  std::vector<PatternCount> patterns;
  for (const auto& [levels, n] : counts) patterns.push_back({levels, n});
  EXPECT_LE(patterns.size(), 18u);  // EM works on patterns, not pairs
  std::vector<std::vector<double>> u0 = {{0.1, 0.2, 0.7}, {0.3, 0.7}, {0.2, 0.2, 0.6}};
  auto r = EstimateEm(patterns, {3, 2, 3}, u0);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NEAR(r->lambda, lambda, 0.01);
  for (size_t f = 0; f < m.size(); ++f) {
    for (size_t l = 0; l < m[f].size(); ++l) {
      EXPECT_NEAR(r->m[f][l], m[f][l], 0.02) << f << "," << l;
      EXPECT_NEAR(r->u[f][l], u[f][l], 0.02) << f << "," << l;
    }
  }
}

TEST(EstimateEm, RejectsBadInput) {
  EXPECT_FALSE(EstimateEm({}, {2}, {{0.5, 0.5}}).ok());
  EXPECT_FALSE(EstimateEm({{{5}, 1}}, {2}, {{0.5, 0.5}}).ok());
}

TEST(Weights, LogOddsAndWeights) {
  FieldParams p{"f", {"exact", "else"}, {0.9, 0.1}, {0.01, 0.99}};
  EXPECT_NEAR(p.Weight(0), std::log2(90.0), 1e-9);
  EXPECT_DOUBLE_EQ(p.Weight(kMissingLevel), 0.0);
  EXPECT_NEAR(ProbabilityFromWeight(LogOdds(0.3)), 0.3, 1e-12);
  std::vector<double> s = SmoothedShares({0, 8});
  EXPECT_DOUBLE_EQ(s[0], 0.1);
}

}  // namespace
}  // namespace vka::linkage
