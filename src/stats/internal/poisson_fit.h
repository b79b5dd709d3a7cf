#pragma once

// Poisson log-linear regression with 0/1 design columns defined by bitmasks,
// fitted by iteratively reweighted least squares (Newton's method for the
// canonical log link). Column t of the design is 1 at cell c exactly when
// (c & terms[t]) == terms[t]; terms[0] == 0 is the intercept. The fitter
// keeps its scratch space between calls, so fitting thousands of models
// allocates little. Not thread-safe: one fitter per thread.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace vka::stats::internal {

struct PoissonDesign {
  std::vector<uint32_t> cells;   // the cells (capture patterns) fitted
  std::vector<uint32_t> terms;   // column masks; terms[0] == 0
  std::vector<uint16_t> active;  // per cell, the columns equal to 1 ...
  std::vector<uint32_t> offsets; // ... are active[offsets[c] .. offsets[c+1])

  int params() const { return static_cast<int>(terms.size()); }
};

PoissonDesign MakeDesign(const std::vector<uint32_t>& cells, const std::vector<uint32_t>& terms);

// True when the design has full column rank on its cells (the model is
// identifiable whatever the counts).
bool DesignFullRank(const PoissonDesign& design);

struct PoissonFitResult {
  bool converged = false;
  bool singular = false;     // X'WX lost positive definiteness
  int iterations = 0;
  double deviance = 0;
  double max_abs_beta = 0;   // over non-intercept coefficients
  double intercept = 0;
  double var_intercept = 0;  // (X'WX)^{-1}[0,0] at the fit
};

class PoissonFitter {
 public:
  static constexpr int kMaxIterations = 60;
  static constexpr double kTolerance = 1e-11;  // relative deviance change

  // Fits counts y (one per design cell). `mu` holds the starting fitted
  // values (all > 0) and receives the fitted values.
  PoissonFitResult Fit(const PoissonDesign& design, const double* y, double* mu);

 private:
  void Accumulate(const PoissonDesign& design, const double* y, const double* mu);
  bool UpdateMu(const PoissonDesign& design, double* mu) const;

  std::vector<double> a_;
  std::vector<double> b_;
};

// 2 * sum(y log(y/mu) - (y - mu)).
double PoissonDeviance(const double* y, const double* mu, size_t n);

}  // namespace vka::stats::internal
