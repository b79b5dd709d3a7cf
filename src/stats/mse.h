#pragma once

// Multiple systems estimation of a population from an overlap table: the
// entry point of the stats component for `vka estimate`. Runs the chosen
// methods on each stratum and on the whole, and returns plain results for
// the caller to render. Pure: no I/O.
//
// Strata: each stratum is estimated on its own and the estimates are summed.
// The combined interval is, for LCMCR, the quantiles of the sums of the
// strata's posterior draws (draw i of every stratum added: independent
// posteriors, so the sums are draws from the posterior of the total); for
// log-linear models an approximation: the strata are independent and each
// side's half-widths (estimate - lower, upper - estimate) are added in
// quadrature, as if each stratum's N were approximately normal with the
// spread of its profile interval on that side.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "stats/lcmcr.h"
#include "stats/loglinear.h"
#include "stats/overlap_table.h"

namespace vka::stats {

struct MseOptions {
  bool loglinear = true;
  bool lcmcr = true;
  // A fixed log-linear model instead of selection (interaction bitmasks).
  std::optional<std::vector<uint32_t>> loglinear_model;
  LoglinearOptions loglinear_options;  // its level is overridden by `level`
  LcmcrOptions lcmcr_options;          // likewise
  double level = 0.95;
};

struct MethodResult {
  std::string method;   // "loglinear" or "lcmcr"
  std::string stratum;  // "" for an unstratified table or the total
  int64_t observed = 0;
  bool estimable = false;  // false: estimate, missing, lower, upper are NaN
  double estimate = 0;
  double missing = 0;  // estimate - observed
  double lower = 0;
  double upper = 0;
  double level = 0.95;
  double chapman = 0;  // two-list tables: Chapman's estimator; NaN otherwise
  std::optional<LoglinearEstimate> loglinear;  // details (per stratum only)
  std::optional<LcmcrEstimate> lcmcr;          // details; draws summed for totals
  std::vector<std::string> warnings;
};

struct MseResult {
  std::vector<std::string> list_names;
  std::string stratum_column;
  std::vector<MethodResult> strata;  // per stratum and method; empty without strata
  std::vector<MethodResult> totals;  // one per method
  std::vector<std::string> caveats;  // always shown with the figures
};

// Estimates the population of `table`. Returns kInvalidArgument for bad
// options (no method, level outside (0, 1), a bad fixed model) and passes on
// the errors of the methods.
base::Result<MseResult> EstimatePopulation(const OverlapTable& table, const MseOptions& options);

// Chapman (1951) for two lists: (n1 + 1)(n2 + 1) / (m + 1) - 1.
double ChapmanEstimate(int64_t n1, int64_t n2, int64_t both);

}  // namespace vka::stats
