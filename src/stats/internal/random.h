#pragma once

// Portable seeded randomness for the samplers. The std:: distributions are
// implementation-defined, so the same seed would give different draws under
// another standard library; every draw here is built on the raw 64-bit
// output of std::mt19937_64, which the standard fixes exactly. Not
// thread-safe: one Rng per thread.

#include <cstdint>
#include <random>

namespace vka::stats::internal {

class Rng {
 public:
  explicit Rng(uint64_t seed) : engine_(seed) {}

  // Uniform double in [0, 1), 53 bits.
  double Unit() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform double in (0, 1).
  double OpenUnit();
  // Standard normal (Marsaglia polar method; the spare value is kept).
  double Normal();
  // Gamma(shape, rate 1) by Marsaglia & Tsang (2000); shape < 1 boosted by
  // U^(1/shape). REQUIRES: shape > 0.
  double Gamma(double shape);
  // Beta(a, b) as Ga/(Ga+Gb). REQUIRES: a, b > 0.
  double Beta(double a, double b);
  // Poisson(mean): inversion below 10, PTRS (Hormann 1993) above.
  // REQUIRES: mean >= 0.
  int64_t Poisson(double mean);
  // Binomial(n, p), exact: Knuth's beta recursion (TAOCP vol. 2, 3.4.1)
  // halves n with one Beta draw until n <= 32, then counts Bernoulli trials.
  // REQUIRES: n >= 0.
  int64_t Binomial(int64_t n, double p);
  // Negative binomial: failures before `size` successes of probability p,
  // drawn as Poisson(Gamma(size) * (1-p)/p). REQUIRES: size > 0, 0 < p <= 1.
  int64_t NegativeBinomial(double size, double p);

 private:
  int64_t PoissonInversion(double mean);
  int64_t PoissonPtrs(double mean);

  std::mt19937_64 engine_;
  bool has_spare_ = false;
  double spare_ = 0;
};

// A well-mixed 64-bit seed for stream `index` derived from `seed`
// (SplitMix64), so chains seeded from one user seed do not overlap.
uint64_t DeriveSeed(uint64_t seed, uint64_t index);

}  // namespace vka::stats::internal
