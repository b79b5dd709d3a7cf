#pragma once

// Bayesian non-parametric latent class capture-recapture (LCMCR) after
// Manrique-Vallier, D. (2016) "Bayesian population size estimation using
// Dirichlet process mixtures", Biometrics 72(4):1246-1254, the model of the
// R package LCMCR.
//
// Each person, documented or not, belongs to a latent class k in 1..K*;
// within a class, the lists capture independently with probabilities
// lambda_jk ~ Beta(1, 1). Class weights follow a truncated stick-breaking
// Dirichlet process: V_k ~ Beta(1, alpha), V_K* = 1, alpha ~ Gamma(a, b).
// N has the prior p(N) proportional to 1/N. The Gibbs sampler (data
// augmentation) cycles through:
//   1. classes of the documented, per capture pattern;
//   2. n0 | rest ~ NegBin(n, 1 - p0), p0 = sum_k pi_k prod_j (1 - lambda_jk)
//      (the classes of the undocumented integrated out);
//   3. classes of the n0 undocumented, drawn given "on no list";
//   4. lambda_jk ~ Beta(1 + s_jk, 1 + n_k - s_jk);
//   5. V_k ~ Beta(1 + n_k, alpha + sum_{l>k} n_l);
//   6. alpha ~ Gamma(a + K* - 1, b - sum_{k<K*} log(1 - V_k)).
// Chains run on their own threads with seeds derived from the user's seed
// (internal/random.h), so the draws are identical for a seed on any
// platform and any number of threads.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::stats {

struct LcmcrOptions {
  int k_star = 10;          // truncation of the stick-breaking prior
  int64_t burn_in = 10000;  // iterations discarded per chain
  int64_t samples = 1000;   // draws kept per chain
  int64_t thinning = 10;    // iterations per kept draw
  int chains = 2;
  int threads = 2;          // chains run this many at a time
  uint64_t seed = 1;
  double a_alpha = 0.25;    // Gamma prior on alpha (LCMCR's defaults)
  double b_alpha = 0.25;
  double level = 0.95;
};

struct LcmcrEstimate {
  int64_t observed = 0;
  double estimate = 0;  // posterior median of N
  double mean = 0;
  double lower = 0;     // posterior quantiles (1 -+ level) / 2
  double upper = 0;
  double level = 0.95;
  double rhat = 0;      // split R-hat of N
  double ess = 0;       // effective sample size of N
  LcmcrOptions options;
  int64_t iterations_per_chain = 0;
  std::vector<std::vector<double>> draws;  // N, per chain
  std::vector<std::string> warnings;
};

// Runs the sampler on `counts` (2^K entries by pattern; counts[0] ignored).
// Returns kInvalidArgument for a bad table (fewer than 2 or more than 15
// lists, negative counts, nobody documented) or bad options (k_star < 1,
// samples < 4, thinning < 1, chains < 1, a_alpha or b_alpha <= 0, level not
// in (0, 1)). Adds a warning when split R-hat of N exceeds 1.05, when its
// effective sample size is below 100, and for 2-list tables (where the
// model is not identified by the data).
base::Result<LcmcrEstimate> EstimateLcmcr(std::span<const int64_t> counts, int num_lists,
                                          const LcmcrOptions& options);

// Fills estimate, mean, interval, R-hat, ESS and convergence warnings of
// `est` from est.draws (also used for sums over strata).
void SummarizeDraws(LcmcrEstimate& est);

}  // namespace vka::stats
