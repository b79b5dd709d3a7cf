#include "stats/internal/random.h"

#include <cmath>

namespace vka::stats::internal {

double Rng::OpenUnit() {
  for (;;) {
    double u = Unit();
    if (u > 0) return u;
  }
}

double Rng::Normal() {
  if (has_spare_) {
    has_spare_ = false;
    return spare_;
  }
  for (;;) {
    double u = 2 * Unit() - 1;
    double v = 2 * Unit() - 1;
    double s = u * u + v * v;
    if (s >= 1 || s == 0) continue;
    double f = std::sqrt(-2 * std::log(s) / s);
    spare_ = v * f;
    has_spare_ = true;
    return u * f;
  }
}

double Rng::Gamma(double shape) {
  if (shape < 1) return Gamma(shape + 1) * std::pow(OpenUnit(), 1 / shape);
  const double d = shape - 1.0 / 3;
  const double c = 1 / std::sqrt(9 * d);
  for (;;) {
    double x = Normal();
    double v = 1 + c * x;
    if (v <= 0) continue;
    v = v * v * v;
    double u = OpenUnit();
    double x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1 - v + std::log(v))) return d * v;
  }
}

double Rng::Beta(double a, double b) {
  double x = Gamma(a);
  double y = Gamma(b);
  return x / (x + y);
}

int64_t Rng::Poisson(double mean) {
  constexpr double kInversionLimit = 10;
  if (mean <= 0) return 0;
  return mean < kInversionLimit ? PoissonInversion(mean) : PoissonPtrs(mean);
}

int64_t Rng::PoissonInversion(double mean) {
  double p = std::exp(-mean);
  double cdf = p;
  double u = Unit();
  int64_t k = 0;
  while (u > cdf) {
    ++k;
    p *= mean / static_cast<double>(k);
    cdf += p;
    if (p < 1e-300 && cdf < u) break;  // rounding: u beyond the summed mass
  }
  return k;
}

// Hormann, W. (1993) "The transformed rejection method for generating
// Poisson random variables", Insurance: Mathematics and Economics 12, 39-45.
int64_t Rng::PoissonPtrs(double mean) {
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    double u = Unit() - 0.5;
    double v = Unit();
    double us = 0.5 - std::fabs(u);
    double k = std::floor((2 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<int64_t>(k);
    if (k < 0 || (us < 0.013 && v > us)) continue;
    double lhs = std::log(v * invalpha / (a / (us * us) + b));
    double rhs = -mean + k * loglam - std::lgamma(k + 1);
    if (lhs <= rhs) return static_cast<int64_t>(k);
  }
}

int64_t Rng::Binomial(int64_t n, double p) {
  constexpr int64_t kDirectTrials = 32;
  int64_t result = 0;
  while (n > kDirectTrials) {
    if (p <= 0) return result;
    if (p >= 1) return result + n;
    const int64_t a = 1 + n / 2;
    const int64_t b = n + 1 - a;
    const double x = Beta(static_cast<double>(a), static_cast<double>(b));  // a-th of n uniforms
    if (x >= p) {
      n = a - 1;
      p /= x;
    } else {
      result += a;
      n = b - 1;
      p = (p - x) / (1 - x);
    }
  }
  for (int64_t trial = 0; trial < n; ++trial) result += Unit() < p ? 1 : 0;
  return result;
}

int64_t Rng::NegativeBinomial(double size, double p) {
  if (p >= 1) return 0;
  return Poisson(Gamma(size) * (1 - p) / p);
}

uint64_t DeriveSeed(uint64_t seed, uint64_t index) {
  uint64_t z = seed + (index + 1) * 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

}  // namespace vka::stats::internal
