#pragma once

// Log-linear models for multiple systems estimation (Fienberg 1972; Bishop,
// Fienberg & Holland 1975, ch. 6). The 2^K - 1 observed cells of a K-list
// capture table are fitted as independent Poisson counts with
//   log mu_c = u + sum_j u_j x_j(c) + sum_{S in terms} u_S prod_{j in S} x_j(c),
// main effects always present and a hierarchical set of interaction terms.
// The unobserved cell (no list) has log mu_0 = u, so the estimate of the
// undocumented is n0 = exp(u) and of the total N = n + n0. Fits are by IRLS
// with a hand-written Cholesky solver (internal/poisson_fit.h).
//
// Intervals are profile-likelihood intervals for N (Cormack 1992,
// Biometrics 48:567-576; the method of Rcapture's closedpCI): for a candidate
// n0 the complete 2^K table (cell 0 = n0) is fitted with the same model and
//   l(N) = log N! - log n0! + sum_{all cells} y_c log(mu_c / N),  N = n + n0,
// the multinomial log-likelihood of the complete table maximised over the
// cell probabilities the model allows (mu_c / N: the intercept makes the
// fitted values sum to N). The interval is {N : 2 (l(N_max) - l(N)) <=
// chi2_1(level)}, found by bisection on each side of the maximum; n0 is
// treated as continuous (lgamma).
//
// All functions are pure and thread-compatible.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::stats {

enum class Criterion { kAic, kBic };

// One fitted model. `terms` are the interaction terms beyond the main effects
// as bitmasks of lists (bit j = list j), two-way terms first then by mask.
struct LoglinearFit {
  std::vector<uint32_t> terms;
  bool usable = false;                // identifiable, converged, finite MLE
  std::vector<std::string> problems;  // why not usable; empty when usable
  int params = 0;                     // including intercept and main effects
  int df = 0;                         // observed cells - params
  int iterations = 0;
  double deviance = 0;                // against the saturated model
  double aic = 0;                     // deviance + 2 params
  double bic = 0;                     // deviance + params log(n)
  double n0 = 0;                      // fitted unobserved count exp(u)
  double se_n0 = 0;                   // Wald (delta method): n0 sqrt(var u)
};

// Fits one model to `counts` (2^K entries indexed by pattern; counts[0] is
// ignored). Problems found (the interaction of all lists, a rank-deficient
// design, a term whose margin is empty, no convergence, a cell fitted at 0
// where the MLE lies on the boundary, an exploding n0) make the fit
// unusable and are listed in `problems`, never hidden. Returns
// kInvalidArgument for a bad size, or a term that is not hierarchical
// (a three-way term without its two-way terms) or names no list pair.
base::Result<LoglinearFit> FitLoglinear(std::span<const int64_t> counts, int num_lists,
                                        std::vector<uint32_t> terms);

struct ProfileInterval {
  double lower = 0;           // total N
  double upper = 0;           // total N; +infinity when unbounded
  double n_at_maximum = 0;    // maximiser of the profile likelihood
  std::vector<std::string> problems;
};

// The profile-likelihood interval for N (method above). REQUIRES: `fit` is
// a usable fit of these counts. level in (0, 1).
ProfileInterval ProfileLikelihoodInterval(std::span<const int64_t> counts, int num_lists,
                                          const LoglinearFit& fit, double level);

struct LoglinearOptions {
  Criterion criterion = Criterion::kAic;
  bool three_way = false;   // also search hierarchical three-way terms (K <= 5)
  bool average = false;     // average over models with criterion weights
  double level = 0.95;
  size_t ranking_size = 10;
  int threads = 2;
};

struct LoglinearEstimate {
  int64_t observed = 0;
  bool estimable = false;  // false: no usable model; estimate etc. are NaN
  double estimate = 0;
  double lower = 0;
  double upper = 0;
  double level = 0.95;
  Criterion criterion = Criterion::kAic;
  bool averaged = false;
  std::string search;              // "exhaustive" or "forward stepwise"
  LoglinearFit chosen;
  std::vector<LoglinearFit> ranking;  // best first, usable models only
  std::vector<double> weights;        // criterion weights of `ranking`
  int64_t models_considered = 0;
  int64_t models_usable = 0;
  std::vector<std::string> warnings;
};

// Model selection over all hierarchical models with two-way (and, with
// three_way, three-way) interactions: exhaustive for up to 6 lists (2^15 =
// 32,768 two-way models at K = 6, fitted on options.threads threads with
// warm starts along a Gray code), forward stepwise beyond. The chosen model
// minimises the criterion; with `average`, N is the criterion-weighted mean
// over usable models and the interval is N +- z * se with the unconditional
// se of Buckland, Burnham & Augustin (1997, Biometrics 53:603-618),
// sum_m w_m sqrt(se_m^2 + (N_m - N)^2) (a Wald approximation, lower bound
// clipped at the observed count). Returns kInvalidArgument for a bad table
// or level, or three_way with more than 5 lists.
base::Result<LoglinearEstimate> EstimateLoglinear(std::span<const int64_t> counts, int num_lists,
                                                  const LoglinearOptions& options);

// Estimate under one given model (no selection).
base::Result<LoglinearEstimate> EstimateLoglinearModel(std::span<const int64_t> counts,
                                                       int num_lists, std::vector<uint32_t> terms,
                                                       double level);

// "A:B", "A:B:C" for a term; "independence" for no terms.
std::string TermName(uint32_t term, const std::vector<std::string>& list_names);
std::string ModelName(const std::vector<uint32_t>& terms, const std::vector<std::string>& list_names);

// Standard normal quantile; chi-square(1) quantile at `level` is its square
// at (1 + level) / 2.
double NormalQuantile(double p);

}  // namespace vka::stats
