#pragma once

// The Fellegi–Sunter model over comparison levels: m and u per field and
// level, a prior, match weights, and EM over counts of agreement patterns
// (fastLink's trick: the work is per distinct pattern, not per pair).

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace vka::linkage {

inline constexpr int kMissingLevel = -1;

// One field's parameters. levels = m.size() = u.size().
struct FieldParams {
  std::string name;
  std::vector<std::string> level_names;
  std::vector<double> m;  // P(level | match)
  std::vector<double> u;  // P(level | non-match)
  // log2(m / u) per level.
  double Weight(int level) const;
};

// A comparison vector (one level per field, kMissingLevel allowed) and how
// many pairs showed it.
struct PatternCount {
  std::vector<int> levels;
  double count = 0;
};

struct EmResult {
  std::vector<std::vector<double>> m;  // per field, per level
  std::vector<std::vector<double>> u;  // per field, per level (among the pairs)
  double lambda = 0;                   // share of matches among the pairs
  int iterations = 0;
  bool converged = false;
};

struct EmOptions {
  int max_iterations = 200;
  double tolerance = 1e-7;  // max change of any parameter
  double initial_lambda = 0.1;
  double initial_m_top = 0.8;  // m of the best level at the start
  // Fields that enter the likelihood (empty: all). A session that blocked
  // on a field must leave it out: its agreement there says nothing.
  std::vector<bool> active;
  // When set, m is held at these values and only u and lambda are fitted.
  std::vector<std::vector<double>> fixed_m;
};

// Estimates m, u and the match share from pattern counts by EM under
// conditional independence; missing levels are skipped (missing at random).
// `initial_u` seeds u (e.g. from random pairs). kInvalidArgument if the
// patterns do not fit `levels_per_field` or there are no pairs.
base::Result<EmResult> EstimateEm(const std::vector<PatternCount>& patterns,
                                  const std::vector<int>& levels_per_field,
                                  const std::vector<std::vector<double>>& initial_u,
                                  const EmOptions& options = {});

// u per level from level counts of random pairs, with add-one smoothing.
std::vector<double> SmoothedShares(const std::vector<double>& counts);

// log2(p / (1 - p)); and back.
double LogOdds(double probability);
double ProbabilityFromWeight(double weight_bits);

}  // namespace vka::linkage
