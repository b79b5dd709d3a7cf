#include "stats/internal/loglinear_core.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <string>

#include "stats/overlap_table.h"

namespace vka::stats::internal {
namespace {

constexpr double kColdStartOffset = 0.5;
constexpr double kBoundaryMu = 1e-6;     // a zero cell fitted below this: boundary
constexpr double kMaxAbsBeta = 25;       // e^25 ~ 7e10: a diverging parameter
constexpr double kExplodeFactor = 1000;  // n0 above 1000 n: no information

std::string Pattern(uint32_t cell, int num_lists) { return PatternString(cell, num_lists); }

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string ListsOf(uint32_t term) {
  std::string s;
  for (int list = 0; list < 32; ++list) {
    if ((term >> list) & 1) s += (s.empty() ? "" : ",") + std::to_string(list + 1);
  }
  return s;
}

}  // namespace

std::vector<uint32_t> ObservedCells(int num_lists) {
  std::vector<uint32_t> cells;
  for (uint32_t c = 1; c < (uint32_t{1} << num_lists); ++c) cells.push_back(c);
  return cells;
}

std::vector<uint32_t> AllCells(int num_lists) {
  std::vector<uint32_t> cells;
  for (uint32_t c = 0; c < (uint32_t{1} << num_lists); ++c) cells.push_back(c);
  return cells;
}

std::vector<uint32_t> FullTerms(int num_lists, const std::vector<uint32_t>& interactions) {
  std::vector<uint32_t> terms = {0};
  for (int list = 0; list < num_lists; ++list) terms.push_back(uint32_t{1} << list);
  terms.insert(terms.end(), interactions.begin(), interactions.end());
  return terms;
}

void SortTerms(std::vector<uint32_t>& terms) {
  std::sort(terms.begin(), terms.end(), [](uint32_t a, uint32_t b) {
    int pa = std::popcount(a), pb = std::popcount(b);
    return pa != pb ? pa < pb : a < b;
  });
}

base::Status CheckCounts(std::span<const int64_t> counts, int num_lists) {
  if (num_lists < kMinLists || num_lists > kMaxLists) {
    return base::InvalidArgumentError("need 2 to 15 lists, got " + std::to_string(num_lists));
  }
  if (counts.size() != (size_t{1} << num_lists)) {
    return base::InvalidArgumentError("table has " + std::to_string(counts.size()) +
                                      " cells; " + std::to_string(num_lists) + " lists need " +
                                      std::to_string(size_t{1} << num_lists));
  }
  for (size_t c = 1; c < counts.size(); ++c) {
    if (counts[c] < 0) return base::InvalidArgumentError("negative count");
  }
  return base::OkStatus();
}

base::Status CheckHierarchical(int num_lists, const std::vector<uint32_t>& terms) {
  const uint32_t all = (uint32_t{1} << num_lists) - 1;
  for (size_t idx = 0; idx < terms.size(); ++idx) {
    uint32_t t = terms[idx];
    if (std::popcount(t) < 2 || (t & ~all) != 0) {
      return base::InvalidArgumentError("interaction term {" + ListsOf(t) +
                                        "} must name at least two of the " +
                                        std::to_string(num_lists) + " lists");
    }
    if (std::count(terms.begin(), terms.end(), t) > 1) {
      return base::InvalidArgumentError("interaction term {" + ListsOf(t) + "} repeated");
    }
    for (int list = 0; list < num_lists; ++list) {
      uint32_t sub = t & ~(uint32_t{1} << list);
      if (sub == t || std::popcount(sub) < 2) continue;
      if (std::find(terms.begin(), terms.end(), sub) == terms.end()) {
        return base::InvalidArgumentError("model not hierarchical: term {" + ListsOf(t) +
                                          "} needs {" + ListsOf(sub) + "}");
      }
    }
  }
  return base::OkStatus();
}

ModelSpace::ModelSpace(std::span<const int64_t> counts, int num_lists)
    : num_lists_(num_lists), cells_(ObservedCells(num_lists)) {
  for (uint32_t c : cells_) {
    y_.push_back(static_cast<double>(counts[c]));
    n_ += y_.back();
  }
}

void ModelSpace::CheckMargins(const std::vector<uint32_t>& terms, LoglinearFit& fit) const {
  for (uint32_t t : FullTerms(num_lists_, terms)) {
    if (t == 0) continue;
    double margin = 0;
    for (size_t idx = 0; idx < cells_.size(); ++idx) {
      if ((cells_[idx] & t) == t) margin += y_[idx];
    }
    if (margin > 0) continue;
    fit.problems.push_back(
        std::popcount(t) == 1
            ? "list " + ListsOf(t) + " is empty: no finite MLE"
            : "no one is on lists {" + ListsOf(t) +
                  "} together: that interaction diverges to minus infinity (no finite MLE)");
  }
}

void ModelSpace::CheckFitted(const PoissonFitResult& r, const std::vector<double>& mu,
                             LoglinearFit& fit) const {
  if (r.singular) fit.problems.push_back("X'WX became singular during IRLS (no finite MLE)");
  if (!r.converged && !r.singular) {
    fit.problems.push_back("IRLS did not converge in " +
                           std::to_string(PoissonFitter::kMaxIterations) + " iterations");
  }
  if (!r.converged) return;
  for (size_t idx = 0; idx < cells_.size(); ++idx) {
    if (y_[idx] == 0 && mu[idx] < kBoundaryMu) {
      fit.problems.push_back("fitted count of pattern " + Pattern(cells_[idx], num_lists_) +
                             " tends to 0: the MLE is on the boundary (no finite MLE)");
      break;
    }
  }
  if (r.max_abs_beta > kMaxAbsBeta) {
    fit.problems.push_back("a parameter diverges (|u| = " + Fmt(r.max_abs_beta) + ")");
  }
  if (!(fit.n0 <= kExplodeFactor * std::max(n_, 1.0))) {
    fit.problems.push_back("the fitted unobserved count explodes (n0 = " + Fmt(fit.n0) +
                           "): the lists carry no information about the undocumented "
                           "under this model");
  }
}

LoglinearFit ModelSpace::Fit(PoissonFitter& fitter, const std::vector<uint32_t>& terms,
                             std::vector<double>& mu, bool warm) const {
  LoglinearFit fit;
  fit.terms = terms;
  fit.params = 1 + num_lists_ + static_cast<int>(terms.size());
  fit.df = static_cast<int>(cells_.size()) - fit.params;
  const uint32_t all = (uint32_t{1} << num_lists_) - 1;
  if (std::find(terms.begin(), terms.end(), all) != terms.end()) {
    fit.problems.push_back("the interaction of all " + std::to_string(num_lists_) +
                           " lists is not identifiable (it is confounded with the "
                           "unobserved cell)");
    return fit;
  }
  PoissonDesign design = MakeDesign(cells_, FullTerms(num_lists_, terms));
  if (!DesignFullRank(design)) {
    fit.problems.push_back("design matrix not of full rank: the model is not identifiable");
    return fit;
  }
  CheckMargins(terms, fit);
  if (!fit.problems.empty()) return fit;
  if (!warm || mu.size() != y_.size()) {
    mu.resize(y_.size());
    for (size_t idx = 0; idx < y_.size(); ++idx) mu[idx] = y_[idx] + kColdStartOffset;
  }
  PoissonFitResult r = fitter.Fit(design, y_.data(), mu.data());
  fit.iterations = r.iterations;
  fit.deviance = r.deviance;
  fit.n0 = std::exp(r.intercept);
  fit.se_n0 = fit.n0 * std::sqrt(std::max(r.var_intercept, 0.0));
  fit.aic = fit.deviance + 2.0 * fit.params;
  fit.bic = fit.deviance + fit.params * std::log(std::max(n_, 1.0));
  CheckFitted(r, mu, fit);
  fit.usable = fit.problems.empty();
  return fit;
}

}  // namespace vka::stats::internal
