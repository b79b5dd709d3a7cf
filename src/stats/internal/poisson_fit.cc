#include "stats/internal/poisson_fit.h"

#include <algorithm>
#include <cmath>

#include "stats/internal/linalg.h"

namespace vka::stats::internal {
namespace {

constexpr double kPivotTolerance = 1e-13;
constexpr double kRankTolerance = 1e-9;
constexpr double kMaxEta = 700;  // exp() overflows beyond ~709

}  // namespace

PoissonDesign MakeDesign(const std::vector<uint32_t>& cells, const std::vector<uint32_t>& terms) {
  PoissonDesign d;
  d.cells = cells;
  d.terms = terms;
  d.offsets.reserve(cells.size() + 1);
  d.offsets.push_back(0);
  for (uint32_t cell : cells) {
    for (size_t t = 0; t < terms.size(); ++t) {
      if ((cell & terms[t]) == terms[t]) d.active.push_back(static_cast<uint16_t>(t));
    }
    d.offsets.push_back(static_cast<uint32_t>(d.active.size()));
  }
  return d;
}

bool DesignFullRank(const PoissonDesign& d) {
  const int p = d.params();
  if (p > static_cast<int>(d.cells.size())) return false;
  std::vector<double> a(static_cast<size_t>(p) * p, 0.0);
  for (size_t c = 0; c < d.cells.size(); ++c) {
    for (uint32_t i = d.offsets[c]; i < d.offsets[c + 1]; ++i) {
      for (uint32_t j = d.offsets[c]; j <= i; ++j) a[d.active[i] * p + d.active[j]] += 1;
    }
  }
  return CholeskyInPlace(a.data(), p, kRankTolerance);
}

double PoissonDeviance(const double* y, const double* mu, size_t n) {
  double dev = 0;
  for (size_t c = 0; c < n; ++c) {
    dev += (y[c] > 0 ? y[c] * std::log(y[c] / mu[c]) : 0.0) - (y[c] - mu[c]);
  }
  return 2 * dev;
}

// A = X' W X (lower triangle) and b = X' W z with W = mu and working
// response z = log mu + (y - mu) / mu.
void PoissonFitter::Accumulate(const PoissonDesign& d, const double* y, const double* mu) {
  const int p = d.params();
  a_.assign(static_cast<size_t>(p) * p, 0.0);
  b_.assign(p, 0.0);
  for (size_t c = 0; c < d.cells.size(); ++c) {
    const double w = mu[c];
    const double wz = w * std::log(w) + y[c] - w;
    const uint16_t* act = d.active.data() + d.offsets[c];
    const int n_act = static_cast<int>(d.offsets[c + 1] - d.offsets[c]);
    for (int i = 0; i < n_act; ++i) {
      double* row = a_.data() + act[i] * p;
      b_[act[i]] += wz;
      for (int j = 0; j <= i; ++j) row[act[j]] += w;
    }
  }
}

// mu = exp(X beta) with beta in b_. False when eta overflows.
bool PoissonFitter::UpdateMu(const PoissonDesign& d, double* mu) const {
  for (size_t c = 0; c < d.cells.size(); ++c) {
    double eta = 0;
    for (uint32_t i = d.offsets[c]; i < d.offsets[c + 1]; ++i) eta += b_[d.active[i]];
    if (!(std::fabs(eta) < kMaxEta)) return false;
    mu[c] = std::exp(eta);
  }
  return true;
}

PoissonFitResult PoissonFitter::Fit(const PoissonDesign& d, const double* y, double* mu) {
  PoissonFitResult r;
  const int p = d.params();
  const size_t n = d.cells.size();
  double dev_old = PoissonDeviance(y, mu, n);
  for (r.iterations = 1; r.iterations <= kMaxIterations; ++r.iterations) {
    Accumulate(d, y, mu);
    if (!CholeskyInPlace(a_.data(), p, kPivotTolerance)) {
      r.singular = true;
      break;
    }
    CholeskySolve(a_.data(), p, b_.data());
    if (!UpdateMu(d, mu)) break;
    r.deviance = PoissonDeviance(y, mu, n);
    if (std::fabs(r.deviance - dev_old) <= kTolerance * (std::fabs(r.deviance) + 0.1)) {
      r.converged = true;
      break;
    }
    dev_old = r.deviance;
  }
  r.intercept = b_.empty() ? 0 : b_[0];
  for (int t = 1; t < p && !b_.empty(); ++t) r.max_abs_beta = std::max(r.max_abs_beta, std::fabs(b_[t]));
  if (r.converged) {
    // The factor in a_ is from the last iteration's weights, one step before
    // convergence; at a converged fit the difference is negligible.
    r.var_intercept = InverseCorner(a_.data(), p);
  }
  return r;
}

}  // namespace vka::stats::internal
