#include "stats/internal/random.h"

#include <gtest/gtest.h>

#include <cmath>

namespace vka::stats::internal {
namespace {

// Sample mean and variance of `draw` over kDraws calls.
template <typename F>
std::pair<double, double> Moments(F draw) {
  constexpr int kDraws = 40000;
  double s = 0, s2 = 0;
  for (int i = 0; i < kDraws; ++i) {
    double x = static_cast<double>(draw());
    s += x, s2 += x * x;
  }
  double mean = s / kDraws;
  return {mean, s2 / kDraws - mean * mean};
}

TEST(RngTest, BinomialHasBinomialMoments) {
  Rng rng(1);
  for (auto [n, p] : {std::pair<int64_t, double>{1000, 0.3}, {40, 0.9}, {5000, 0.01}}) {
    auto [mean, var] = Moments([&] { return rng.Binomial(n, p); });
    EXPECT_NEAR(mean, n * p, 4 * std::sqrt(n * p * (1 - p) / 40000)) << n << " " << p;
    EXPECT_NEAR(var / (n * p * (1 - p)), 1.0, 0.05) << n << " " << p;
  }
}

TEST(RngTest, PoissonAndGammaHaveTheirMoments) {
  Rng rng(2);
  for (double mean : {3.0, 50.0, 4000.0}) {
    auto [m, v] = Moments([&] { return rng.Poisson(mean); });
    EXPECT_NEAR(m / mean, 1.0, 0.01 + 4 / std::sqrt(40000 * mean));
    EXPECT_NEAR(v / mean, 1.0, 0.05);
  }
  for (double shape : {0.3, 2.5, 40.0}) {
    auto [m, v] = Moments([&] { return rng.Gamma(shape); });
    EXPECT_NEAR(m / shape, 1.0, 0.03);
    EXPECT_NEAR(v / shape, 1.0, 0.08);
  }
}

TEST(RngTest, SameSeedSameStream) {
  Rng a(9), b(9);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(a.Gamma(1.5), b.Gamma(1.5));
  EXPECT_NE(DeriveSeed(9, 0), DeriveSeed(9, 1));
}

}  // namespace
}  // namespace vka::stats::internal
