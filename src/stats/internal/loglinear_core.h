#pragma once

// Shared pieces of the log-linear fitting and model search: the observed
// table as doubles, and one model's fit with every existence and
// identifiability check.

#include <cstdint>
#include <span>
#include <vector>

#include "base/status.h"
#include "stats/internal/poisson_fit.h"
#include "stats/loglinear.h"

namespace vka::stats::internal {

std::vector<uint32_t> ObservedCells(int num_lists);  // 1 .. 2^K - 1
std::vector<uint32_t> AllCells(int num_lists);       // 0 .. 2^K - 1
// Intercept (0), main effects, then `interactions`.
std::vector<uint32_t> FullTerms(int num_lists, const std::vector<uint32_t>& interactions);
// Two-way terms first, then by mask.
void SortTerms(std::vector<uint32_t>& terms);

base::Status CheckCounts(std::span<const int64_t> counts, int num_lists);
// kInvalidArgument unless every term names >= 2 existing lists, no term
// repeats, and every sub-term of >= 2 lists is present.
base::Status CheckHierarchical(int num_lists, const std::vector<uint32_t>& terms);

// The observed cells of one table. Not thread-safe; cheap to share read-only
// (Fit is const).
class ModelSpace {
 public:
  ModelSpace(std::span<const int64_t> counts, int num_lists);

  int num_lists() const { return num_lists_; }
  double observed() const { return n_; }

  // Fits `terms` (sorted, hierarchical). With `warm`, `mu` holds fitted
  // values of a neighbouring model to start from; on return it holds this
  // model's fitted values when the fit is usable.
  LoglinearFit Fit(PoissonFitter& fitter, const std::vector<uint32_t>& terms,
                   std::vector<double>& mu, bool warm) const;

 private:
  void CheckMargins(const std::vector<uint32_t>& terms, LoglinearFit& fit) const;
  void CheckFitted(const PoissonFitResult& r, const std::vector<double>& mu,
                   LoglinearFit& fit) const;

  int num_lists_;
  std::vector<uint32_t> cells_;
  std::vector<double> y_;
  double n_ = 0;
};

}  // namespace vka::stats::internal
