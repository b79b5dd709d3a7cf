#include "linkage/fellegi_sunter.h"

#include <algorithm>
#include <cmath>

namespace vka::linkage {
namespace {

constexpr double kFloor = 1e-9;

double Clamp01(double p) { return std::clamp(p, kFloor, 1.0 - kFloor); }

std::vector<std::vector<double>> InitialM(const std::vector<int>& levels, double top) {
  std::vector<std::vector<double>> m;
  for (int n : levels) {
    std::vector<double> f(n, 0.0);
    if (n == 1) {
      f[0] = 1.0;
    } else {
      f[0] = top;
      // Decreasing shares for the lower levels: 2^-k, normalised.
      double rest = 0;
      for (int l = 1; l < n; ++l) rest += std::ldexp(1.0, -l);
      for (int l = 1; l < n; ++l) f[l] = (1.0 - top) * std::ldexp(1.0, -l) / rest;
    }
    m.push_back(std::move(f));
  }
  return m;
}

// Posterior match probability of one pattern.
double Posterior(const PatternCount& p, const EmResult& r, const std::vector<bool>& active) {
  double lm = std::log(Clamp01(r.lambda)), lu = std::log(Clamp01(1.0 - r.lambda));
  for (size_t f = 0; f < p.levels.size(); ++f) {
    int l = p.levels[f];
    if (l == kMissingLevel || !active[f]) continue;
    lm += std::log(std::max(r.m[f][l], kFloor));
    lu += std::log(std::max(r.u[f][l], kFloor));
  }
  double d = lu - lm;
  return d > 700 ? 0.0 : 1.0 / (1.0 + std::exp(d));
}

}  // namespace

double FieldParams::Weight(int level) const {
  if (level == kMissingLevel) return 0.0;
  return std::log2(std::max(m[level], kFloor) / std::max(u[level], kFloor));
}

std::vector<double> SmoothedShares(const std::vector<double>& counts) {
  double total = 0;
  for (double c : counts) total += c + 1.0;
  std::vector<double> shares;
  for (double c : counts) shares.push_back((c + 1.0) / total);
  return shares;
}

double LogOdds(double probability) {
  double p = Clamp01(probability);
  return std::log2(p / (1.0 - p));
}

double ProbabilityFromWeight(double weight_bits) {
  return 1.0 / (1.0 + std::exp2(-weight_bits));
}

base::Result<EmResult> EstimateEm(const std::vector<PatternCount>& patterns,
                                  const std::vector<int>& levels_per_field,
                                  const std::vector<std::vector<double>>& initial_u,
                                  const EmOptions& options) {
  const size_t fields = levels_per_field.size();
  double total = 0;
  for (const PatternCount& p : patterns) {
    if (p.levels.size() != fields) return base::InvalidArgumentError("pattern width differs");
    for (size_t f = 0; f < fields; ++f) {
      if (p.levels[f] < kMissingLevel || p.levels[f] >= levels_per_field[f]) {
        return base::InvalidArgumentError("pattern level out of range");
      }
    }
    total += p.count;
  }
  if (total <= 0) return base::InvalidArgumentError("no pairs to estimate from");
  if (initial_u.size() != fields) return base::InvalidArgumentError("initial u width differs");
  std::vector<bool> active = options.active;
  if (active.empty()) active.assign(fields, true);
  if (active.size() != fields) return base::InvalidArgumentError("active mask width differs");
  const bool fit_m = options.fixed_m.empty();
  EmResult r;
  r.m = fit_m ? InitialM(levels_per_field, options.initial_m_top) : options.fixed_m;
  r.u = initial_u;
  r.lambda = options.initial_lambda;
  std::vector<std::vector<double>> mm(fields), uu(fields);
  for (r.iterations = 1; r.iterations <= options.max_iterations; ++r.iterations) {
    for (size_t f = 0; f < fields; ++f) {
      mm[f].assign(levels_per_field[f], 0.0);
      uu[f].assign(levels_per_field[f], 0.0);
    }
    double matched = 0;
    for (const PatternCount& p : patterns) {
      double g = Posterior(p, r, active);
      double wm = g * p.count, wu = (1.0 - g) * p.count;
      matched += wm;
      for (size_t f = 0; f < fields; ++f) {
        int l = p.levels[f];
        if (l == kMissingLevel) continue;
        mm[f][l] += wm;
        uu[f][l] += wu;
      }
    }
    double change = std::abs(matched / total - r.lambda);
    r.lambda = matched / total;
    for (size_t f = 0; f < fields; ++f) {
      double sm = 0, su = 0;
      for (int l = 0; l < levels_per_field[f]; ++l) sm += mm[f][l], su += uu[f][l];
      for (int l = 0; l < levels_per_field[f]; ++l) {
        double nm = fit_m && sm > 0 ? std::max(mm[f][l] / sm, kFloor) : r.m[f][l];
        double nu = su > 0 ? std::max(uu[f][l] / su, kFloor) : r.u[f][l];
        change = std::max({change, std::abs(nm - r.m[f][l]), std::abs(nu - r.u[f][l])});
        r.m[f][l] = nm;
        r.u[f][l] = nu;
      }
    }
    if (change < options.tolerance) {
      r.converged = true;
      break;
    }
  }
  r.iterations = std::min(r.iterations, options.max_iterations);
  return r;
}

}  // namespace vka::linkage
