#pragma once

// Verification of a large category of claims by random sampling
// (docs/claims.md "Mass claims"): how many to check, which ones, and what
// the errors found say about the whole category. Pure; thread-safe.

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::claims {

// The sample size that estimates an error rate within +-margin at the
// given two-sided confidence (normal approximation, worst case p = 0.5,
// finite population correction), at most `population`.
// REQUIRES: population >= 0; 0 < margin < 1; 0 < confidence < 1.
int64_t SampleSize(int64_t population, double margin, double confidence);

// A simple random sample of `size` items of `ids` (all if size >= ids.size()),
// deterministic for the seed, in the order of `ids`.
std::vector<std::string> DrawSample(const std::vector<std::string>& ids, int64_t size, uint64_t seed);

// The exact (Clopper-Pearson) one-sided upper confidence bound on the error
// rate after finding `errors` wrong claims in a sample of `n`: with
// probability at least `confidence` over samples, the true rate is at most
// the bound. kInvalidArgument unless 0 <= errors <= n, n > 0 and
// 0 < confidence < 1.
base::Result<double> ErrorRateUpperBound(int64_t errors, int64_t n, double confidence);

// P(X <= k) for X ~ Binomial(n, p).
double BinomialCdf(int64_t k, int64_t n, double p);

// The standard normal quantile (Acklam's rational approximation, |error|
// < 1.2e-9). REQUIRES: 0 < p < 1.
double NormalQuantile(double p);

}  // namespace vka::claims
