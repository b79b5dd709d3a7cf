#include "stats/loglinear.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "stats/internal/random.h"

namespace vka::stats {
namespace {

using ::testing::HasSubstr;

constexpr uint32_t kL1 = 1, kL2 = 2, kL3 = 4, kL4 = 8;

// Darroch (1958): the independence-model MLE of N solves
// prod_j (1 - n_j / N) = 1 - n / N. Solved by bisection (a method unrelated
// to IRLS).
double DarrochN(const std::vector<int64_t>& counts, int lists) {
  std::vector<double> margin(lists, 0);
  double n = 0;
  for (size_t c = 1; c < counts.size(); ++c) {
    n += counts[c];
    for (int j = 0; j < lists; ++j) {
      if ((c >> j) & 1) margin[j] += counts[c];
    }
  }
  auto f = [&](double big_n) {
    double prod = 1;
    for (double m : margin) prod *= 1 - m / big_n;
    return prod - (1 - n / big_n);
  };
  double lo = n, hi = 100 * n;  // f(lo) > 0 (prod of positive terms, rhs 0)
  for (int step = 0; step < 200; ++step) {
    double mid = (lo + hi) / 2;
    (f(mid) > 0 ? lo : hi) = mid;
  }
  return (lo + hi) / 2;
}

// Plain Newton-Raphson on the Poisson log-likelihood with Gauss-Jordan
// inversion of the full Hessian and a step-halving line search: a second,
// independent solver. Returns the fitted log n0 (the intercept).
double NewtonIntercept(const std::vector<int64_t>& counts, int lists,
                       const std::vector<uint32_t>& interactions) {
  std::vector<uint32_t> terms = {0};
  for (int j = 0; j < lists; ++j) terms.push_back(1u << j);
  terms.insert(terms.end(), interactions.begin(), interactions.end());
  const size_t p = terms.size();
  auto x = [&](uint32_t cell, size_t t) { return (cell & terms[t]) == terms[t] ? 1.0 : 0.0; };
  auto loglik = [&](const std::vector<double>& beta) {
    double ll = 0;
    for (uint32_t c = 1; c < counts.size(); ++c) {
      double eta = 0;
      for (size_t t = 0; t < p; ++t) eta += beta[t] * x(c, t);
      ll += counts[c] * eta - std::exp(eta);
    }
    return ll;
  };
  std::vector<double> beta(p, 0.0);
  beta[0] = std::log(static_cast<double>(counts[1] + 1));
  for (int iter = 0; iter < 200; ++iter) {
    std::vector<std::vector<double>> h(p, std::vector<double>(2 * p, 0.0));
    std::vector<double> g(p, 0.0);
    for (uint32_t c = 1; c < counts.size(); ++c) {
      double eta = 0;
      for (size_t t = 0; t < p; ++t) eta += beta[t] * x(c, t);
      double mu = std::exp(eta);
      for (size_t r = 0; r < p; ++r) {
        g[r] += (counts[c] - mu) * x(c, r);
        for (size_t s = 0; s < p; ++s) h[r][s] += mu * x(c, r) * x(c, s);
      }
    }
    for (size_t r = 0; r < p; ++r) h[r][p + r] = 1;
    for (size_t col = 0; col < p; ++col) {  // Gauss-Jordan with pivoting
      size_t piv = col;
      for (size_t r = col; r < p; ++r) {
        if (std::fabs(h[r][col]) > std::fabs(h[piv][col])) piv = r;
      }
      std::swap(h[col], h[piv]);
      double d = h[col][col];
      for (auto& v : h[col]) v /= d;
      for (size_t r = 0; r < p; ++r) {
        if (r == col) continue;
        double f = h[r][col];
        for (size_t k = 0; k < 2 * p; ++k) h[r][k] -= f * h[col][k];
      }
    }
    std::vector<double> step(p, 0.0);
    for (size_t r = 0; r < p; ++r) {
      for (size_t s = 0; s < p; ++s) step[r] += h[r][p + s] * g[s];
    }
    double base = loglik(beta), scale = 1;
    std::vector<double> next(p);
    do {
      for (size_t r = 0; r < p; ++r) next[r] = beta[r] + scale * step[r];
      scale /= 2;
    } while (loglik(next) < base && scale > 1e-10);
    beta = next;
  }
  return beta[0];
}

std::vector<int64_t> Table3(int64_t y100, int64_t y010, int64_t y110, int64_t y001, int64_t y101,
                            int64_t y011, int64_t y111) {
  // Index = bitmask, bit 0 = list 1.
  return {0, y100, y010, y110, y001, y101, y011, y111};
}

TEST(LoglinearTest, TwoListsGiveLincolnPetersen) {
  // n1 = 80, n2 = 60, m = 20: N = n1 n2 / m = 240.
  std::vector<int64_t> counts = {0, 60, 40, 20};
  auto est = EstimateLoglinear(counts, 2, {});
  ASSERT_TRUE(est.ok()) << est.status().ToString();
  ASSERT_TRUE(est->estimable);
  EXPECT_NEAR(est->estimate, 240.0, 1e-7);
  EXPECT_EQ(est->observed, 120);
  EXPECT_TRUE(est->chosen.terms.empty());
  EXPECT_LT(est->lower, 240);
  EXPECT_GT(est->upper, 240);
  EXPECT_GE(est->lower, 120);
}

TEST(LoglinearTest, IndependenceModelSolvesDarrochsEquation) {
  auto counts = Table3(90, 70, 25, 55, 20, 15, 8);
  auto fit = FitLoglinear(counts, 3, {});
  ASSERT_TRUE(fit.ok());
  ASSERT_TRUE(fit->usable);
  int64_t n = 0;
  for (auto c : counts) n += c;
  EXPECT_NEAR(n + fit->n0, DarrochN(counts, 3), 1e-6);
  EXPECT_EQ(fit->df, 3);
}

TEST(LoglinearTest, OneInteractionMatchesClosedForm) {
  // Under [12][3], list 3 is independent of "on list 1 or 2", so
  // n0 = y(only 3) * y(1 or 2, not 3) / y(1 or 2, and 3).
  auto counts = Table3(90, 70, 25, 55, 20, 15, 8);
  auto fit = FitLoglinear(counts, 3, {kL1 | kL2});
  ASSERT_TRUE(fit.ok());
  ASSERT_TRUE(fit->usable);
  double expected = 55.0 * (90 + 70 + 25) / (20 + 15 + 8);
  EXPECT_NEAR(fit->n0, expected, 1e-6);
}

TEST(LoglinearTest, AgreesWithIndependentNewtonSolver) {
  std::vector<int64_t> counts = {0, 41, 37, 12, 33, 9, 14, 6, 29, 11, 8, 5, 10, 4, 6, 3};
  std::vector<uint32_t> terms = {kL1 | kL2, kL2 | kL3, kL3 | kL4};
  auto fit = FitLoglinear(counts, 4, terms);
  ASSERT_TRUE(fit.ok());
  ASSERT_TRUE(fit->usable);
  EXPECT_NEAR(std::log(fit->n0), NewtonIntercept(counts, 4, terms), 1e-8);
}

TEST(LoglinearTest, InteractionOfAllListsIsNotIdentifiable) {
  auto counts = Table3(90, 70, 25, 55, 20, 15, 8);
  auto fit = FitLoglinear(counts, 3, {kL1 | kL2, kL1 | kL3, kL2 | kL3, kL1 | kL2 | kL3});
  ASSERT_TRUE(fit.ok());
  EXPECT_FALSE(fit->usable);
  EXPECT_THAT(fit->problems[0], HasSubstr("not identifiable"));
}

TEST(LoglinearTest, RejectsNonHierarchicalModel) {
  auto counts = Table3(90, 70, 25, 55, 20, 15, 8);
  auto fit = FitLoglinear(counts, 3, {kL1 | kL2 | kL3});
  EXPECT_FALSE(fit.ok());
  EXPECT_THAT(fit.status().message(), HasSubstr("not hierarchical"));
}

TEST(LoglinearTest, EmptyPairMarginIsReportedNotFitted) {
  // No one on lists 1 and 2 together: the [12] term has no finite MLE.
  auto counts = Table3(90, 70, 0, 55, 20, 15, 0);
  auto fit = FitLoglinear(counts, 3, {kL1 | kL2});
  ASSERT_TRUE(fit.ok());
  EXPECT_FALSE(fit->usable);
  EXPECT_THAT(fit->problems[0], HasSubstr("no finite MLE"));
  auto est = EstimateLoglinear(counts, 3, {});
  ASSERT_TRUE(est.ok());
  ASSERT_FALSE(est->warnings.empty());
  EXPECT_THAT(est->warnings[0], HasSubstr("excluded"));
  for (const auto& f : est->ranking) {
    for (uint32_t t : f.terms) EXPECT_NE(t, kL1 | kL2);
  }
}

TEST(LoglinearTest, TwoListsWithoutOverlapHaveNoEstimate) {
  std::vector<int64_t> counts = {0, 60, 40, 0};
  auto est = EstimateLoglinear(counts, 2, {});
  ASSERT_TRUE(est.ok());
  EXPECT_FALSE(est->estimable);
  EXPECT_TRUE(std::isnan(est->estimate));
  ASSERT_FALSE(est->warnings.empty());
  EXPECT_THAT(est->warnings.back(), HasSubstr("no estimate"));
}

TEST(LoglinearTest, SearchesAllTwoWayModelsOfSixLists) {
  std::vector<int64_t> counts(64);
  internal::Rng rng(5);
  for (size_t c = 1; c < counts.size(); ++c) counts[c] = 5 + rng.Poisson(30.0 / (1 + __builtin_popcount(c)));
  auto est = EstimateLoglinear(counts, 6, {});
  ASSERT_TRUE(est.ok());
  EXPECT_EQ(est->models_considered, 32768);
  EXPECT_TRUE(est->estimable);
  EXPECT_EQ(est->ranking.size(), 10u);
  for (size_t m = 1; m < est->ranking.size(); ++m) {
    EXPECT_LE(est->ranking[m - 1].aic, est->ranking[m].aic);
  }
}

// Draws a closed population of n_total people whose capture patterns follow
// the log-linear model log p(x) = sum_j a_j x_j + a12 x1 x2 (+ const).
std::vector<int64_t> SimulateLoglinear(internal::Rng& rng, int n_total, double a, double a12) {
  std::vector<double> cdf(8);
  double total = 0;
  for (uint32_t c = 0; c < 8; ++c) {
    double eta = a * __builtin_popcount(c) + ((c & 3) == 3 ? a12 : 0);
    total += std::exp(eta);
    cdf[c] = total;
  }
  std::vector<int64_t> counts(8, 0);
  for (int person = 0; person < n_total; ++person) {
    double u = rng.Unit() * total;
    uint32_t c = 0;
    while (cdf[c] <= u) ++c;
    counts[c]++;
  }
  counts[0] = 0;
  return counts;
}

TEST(LoglinearTest, ProfileIntervalsCoverTrueNInSimulation) {
  constexpr int kPopulations = 300;
  constexpr int kTrueN = 400;
  internal::Rng rng(20240601);
  int covered = 0;
  double sum_est = 0;
  for (int rep = 0; rep < kPopulations; ++rep) {
    auto counts = SimulateLoglinear(rng, kTrueN, -0.6, 1.2);
    auto est = EstimateLoglinearModel(counts, 3, {kL1 | kL2}, 0.95);
    ASSERT_TRUE(est.ok());
    ASSERT_TRUE(est->estimable);
    sum_est += est->estimate;
    if (est->lower <= kTrueN && kTrueN <= est->upper) ++covered;
  }
  double coverage = static_cast<double>(covered) / kPopulations;
  EXPECT_GE(coverage, 0.90);
  EXPECT_LE(coverage, 0.985);
  EXPECT_NEAR(sum_est / kPopulations / kTrueN, 1.0, 0.03);
}

TEST(LoglinearTest, IndependenceIntervalsFailUnderDependence) {
  // The same populations fitted with the wrong (independence) model: the
  // positive 1-2 dependence biases N down and coverage collapses. Shows that
  // the coverage test above can fail.
  internal::Rng rng(20240601);
  int covered = 0;
  for (int rep = 0; rep < 100; ++rep) {
    auto counts = SimulateLoglinear(rng, 400, -0.6, 1.2);
    auto est = EstimateLoglinearModel(counts, 3, {}, 0.95);
    ASSERT_TRUE(est.ok());
    if (est->lower <= 400 && 400 <= est->upper) ++covered;
  }
  EXPECT_LT(covered, 80);
}

TEST(LoglinearTest, AicSelectsTheTrueInteractionOnALargeTable) {
  internal::Rng rng(11);
  auto counts = SimulateLoglinear(rng, 50000, -0.6, 1.2);
  auto est = EstimateLoglinear(counts, 3, {});
  ASSERT_TRUE(est.ok());
  ASSERT_TRUE(est->estimable);
  EXPECT_EQ(est->chosen.terms, std::vector<uint32_t>({kL1 | kL2}));
  EXPECT_NEAR(est->estimate / 50000, 1.0, 0.03);
}

TEST(LoglinearTest, AveragedEstimateLiesAmongModelEstimates) {
  auto counts = Table3(90, 70, 25, 55, 20, 15, 8);
  LoglinearOptions options;
  options.average = true;
  options.ranking_size = 100;
  auto est = EstimateLoglinear(counts, 3, options);
  ASSERT_TRUE(est.ok());
  ASSERT_TRUE(est->averaged);
  double lo = 1e18, hi = 0;
  for (const auto& f : est->ranking) lo = std::min(lo, f.n0), hi = std::max(hi, f.n0);
  EXPECT_GE(est->estimate, est->observed + lo - 1e-9);
  EXPECT_LE(est->estimate, est->observed + hi + 1e-9);
  EXPECT_LT(est->lower, est->estimate);
  EXPECT_GT(est->upper, est->estimate);
}

TEST(LoglinearTest, NormalQuantileMatchesTable) {
  EXPECT_NEAR(NormalQuantile(0.975), 1.959963985, 1e-8);
  EXPECT_NEAR(NormalQuantile(0.5), 0.0, 1e-12);
}

}  // namespace
}  // namespace vka::stats
