#pragma once

// Summaries and convergence diagnostics of Markov chain Monte Carlo draws.
// `chains` holds one vector of draws per chain, all of the same length.
// Pure functions; thread-compatible.

#include <vector>

namespace vka::stats {

// The q-quantile (0 <= q <= 1) of all draws pooled, by linear interpolation
// between order statistics (Hyndman & Fan type 7, R's default).
// REQUIRES: at least one draw.
double PooledQuantile(const std::vector<std::vector<double>>& chains, double q);

double PooledMean(const std::vector<std::vector<double>>& chains);

// Split R-hat (Gelman et al., Bayesian Data Analysis, 3rd ed., 11.4): each
// chain is cut in halves and the between/within variance ratio computed over
// the 2M halves. Near 1 at convergence; above 1.01-1.1 signals trouble.
// Returns 1 when all draws are equal, NaN with fewer than 4 draws a chain.
double SplitRhat(const std::vector<std::vector<double>>& chains);

// Effective sample size of the pooled draws (BDA3 11.5, with Geyer's
// initial positive sequence truncating the autocorrelation sum). Returns
// the number of draws when all are equal.
double EffectiveSampleSize(const std::vector<std::vector<double>>& chains);

}  // namespace vka::stats
