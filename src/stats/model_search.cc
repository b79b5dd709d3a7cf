// Model selection for log-linear MSE (EstimateLoglinear in loglinear.h).

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <limits>
#include <thread>

#include "stats/internal/loglinear_core.h"
#include "stats/loglinear.h"

namespace vka::stats {
namespace {

using internal::ModelSpace;

constexpr int kMaxExhaustiveLists = 6;
constexpr int kMaxThreeWayLists = 5;
constexpr double kCloseCriterion = 2;     // models this close compete
constexpr double kSpreadWarning = 0.10;   // relative spread of their N

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

double Score(const LoglinearFit& f, Criterion c) { return c == Criterion::kAic ? f.aic : f.bic; }

std::vector<uint32_t> Pairs(int num_lists) {
  std::vector<uint32_t> pairs;
  for (int a = 0; a < num_lists; ++a) {
    for (int b = a + 1; b < num_lists; ++b) pairs.push_back((1u << a) | (1u << b));
  }
  return pairs;
}

// Triples whose three pairs are all in `terms`.
std::vector<uint32_t> EligibleTriples(int num_lists, const std::vector<uint32_t>& terms) {
  std::vector<uint32_t> out;
  for (uint32_t t = 0; t < (1u << num_lists); ++t) {
    if (std::popcount(t) != 3) continue;
    bool ok = true;
    for (int list = 0; list < num_lists; ++list) {
      uint32_t sub = t & ~(1u << list);
      if (sub != t && std::find(terms.begin(), terms.end(), sub) == terms.end()) ok = false;
    }
    if (ok) out.push_back(t);
  }
  return out;
}

// Every hierarchical model, two-way sets in Gray-code order (neighbours
// differ by one term, so each fit warm-starts from the one before).
std::vector<std::vector<uint32_t>> EnumerateModels(int num_lists, bool three_way) {
  const std::vector<uint32_t> pairs = Pairs(num_lists);
  std::vector<std::vector<uint32_t>> models;
  for (uint64_t idx = 0; idx < (uint64_t{1} << pairs.size()); ++idx) {
    const uint64_t gray = idx ^ (idx >> 1);
    std::vector<uint32_t> terms;
    for (size_t p = 0; p < pairs.size(); ++p) {
      if ((gray >> p) & 1) terms.push_back(pairs[p]);
    }
    models.push_back(terms);
    if (!three_way) continue;
    const std::vector<uint32_t> triples = EligibleTriples(num_lists, terms);
    for (uint64_t sub = 1; sub < (uint64_t{1} << triples.size()); ++sub) {
      std::vector<uint32_t> with = terms;
      for (size_t t = 0; t < triples.size(); ++t) {
        if ((sub >> t) & 1) with.push_back(triples[t]);
      }
      models.push_back(std::move(with));
    }
  }
  return models;
}

void FitRange(const ModelSpace& space, const std::vector<std::vector<uint32_t>>& models,
              size_t begin, size_t end, std::vector<LoglinearFit>& out) {
  internal::PoissonFitter fitter;
  std::vector<double> mu;
  bool warm = false;
  for (size_t idx = begin; idx < end; ++idx) {
    out[idx] = space.Fit(fitter, models[idx], mu, warm);
    warm = out[idx].usable;
  }
}

std::vector<LoglinearFit> FitAll(const ModelSpace& space,
                                 const std::vector<std::vector<uint32_t>>& models, int threads) {
  std::vector<LoglinearFit> fits(models.size());
  const size_t n_threads = std::clamp<size_t>(threads, 1, std::max<size_t>(1, models.size() / 64));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < n_threads; ++t) {
    pool.emplace_back(FitRange, std::cref(space), std::cref(models), models.size() * t / n_threads,
                      models.size() * (t + 1) / n_threads, std::ref(fits));
  }
  FitRange(space, models, 0, models.size() / n_threads, fits);
  for (auto& th : pool) th.join();
  return fits;
}

// Greedy forward selection from independence, adding the two-way term that
// lowers the criterion most, for tables too wide to search exhaustively.
std::vector<LoglinearFit> ForwardStepwise(const ModelSpace& space, Criterion criterion) {
  internal::PoissonFitter fitter;
  std::vector<double> mu;
  std::vector<LoglinearFit> fits;
  std::vector<uint32_t> current;
  fits.push_back(space.Fit(fitter, current, mu, false));
  double best = fits.back().usable ? Score(fits.back(), criterion)
                                   : std::numeric_limits<double>::infinity();
  for (;;) {
    std::vector<uint32_t> best_terms;
    for (uint32_t pair : Pairs(space.num_lists())) {
      if (std::find(current.begin(), current.end(), pair) != current.end()) continue;
      std::vector<uint32_t> terms = current;
      terms.push_back(pair);
      internal::SortTerms(terms);
      fits.push_back(space.Fit(fitter, terms, mu, false));
      if (fits.back().usable && Score(fits.back(), criterion) < best) {
        best = Score(fits.back(), criterion);
        best_terms = terms;
      }
    }
    if (best_terms.empty()) return fits;
    current = best_terms;
  }
}

// Up to kReasonsShown distinct problems of unusable fits, joined by "; ".
std::string DistinctProblems(const std::vector<LoglinearFit>& fits) {
  constexpr size_t kReasonsShown = 4;
  std::vector<std::string> seen;
  for (const auto& f : fits) {
    for (const auto& p : f.problems) {
      if (seen.size() < kReasonsShown && std::find(seen.begin(), seen.end(), p) == seen.end()) {
        seen.push_back(p);
      }
    }
  }
  std::string out;
  for (const auto& p : seen) out += (out.empty() ? "" : "; ") + p;
  return out;
}

void Rank(std::vector<LoglinearFit>& fits, Criterion criterion) {
  std::erase_if(fits, [](const LoglinearFit& f) { return !f.usable; });
  std::stable_sort(fits.begin(), fits.end(), [criterion](const auto& a, const auto& b) {
    double sa = Score(a, criterion), sb = Score(b, criterion);
    return sa != sb ? sa < sb : a.params < b.params;
  });
}

std::vector<double> Weights(const std::vector<LoglinearFit>& ranked, Criterion criterion) {
  std::vector<double> w;
  double total = 0;
  for (const auto& f : ranked) {
    w.push_back(std::exp(-(Score(f, criterion) - Score(ranked[0], criterion)) / 2));
    total += w.back();
  }
  for (double& v : w) v /= total;
  return w;
}

void Average(LoglinearEstimate& est, const std::vector<LoglinearFit>& ranked,
             const std::vector<double>& w) {
  double mean = 0;
  for (size_t m = 0; m < ranked.size(); ++m) mean += w[m] * (est.observed + ranked[m].n0);
  double se = 0;
  for (size_t m = 0; m < ranked.size(); ++m) {
    double dev = est.observed + ranked[m].n0 - mean;
    se += w[m] * std::sqrt(ranked[m].se_n0 * ranked[m].se_n0 + dev * dev);
  }
  const double z = NormalQuantile((1 + est.level) / 2);
  est.averaged = true;
  est.estimate = mean;
  est.lower = std::max<double>(est.observed, mean - z * se);
  est.upper = mean + z * se;
  est.warnings.push_back("model-averaged interval: Wald approximation with the unconditional "
                         "standard error of Buckland et al. (1997), not a profile likelihood");
}

void WarnOnCompetitors(LoglinearEstimate& est, const std::vector<LoglinearFit>& ranked) {
  double lo = ranked[0].n0, hi = ranked[0].n0;
  int close = 0;
  for (const auto& f : ranked) {
    if (Score(f, est.criterion) - Score(ranked[0], est.criterion) > kCloseCriterion) break;
    lo = std::min(lo, f.n0), hi = std::max(hi, f.n0), ++close;
  }
  if (close > 1 && hi - lo > kSpreadWarning * (est.observed + ranked[0].n0)) {
    est.warnings.push_back(std::to_string(close) + " models lie within " + Fmt(kCloseCriterion) +
                           " criterion points of the chosen one and estimate N from " +
                           Fmt(est.observed + lo) + " to " + Fmt(est.observed + hi) +
                           ": the estimate depends on the choice of model");
  }
}

void FillFromModel(LoglinearEstimate& est, std::span<const int64_t> counts, int num_lists) {
  est.estimable = true;
  est.estimate = est.observed + est.chosen.n0;
  ProfileInterval ci = ProfileLikelihoodInterval(counts, num_lists, est.chosen, est.level);
  est.lower = ci.lower;
  est.upper = ci.upper;
  for (auto& p : ci.problems) est.warnings.push_back(p);
  if (est.chosen.df == 0) {
    est.warnings.push_back("the model is saturated on the observed cells (0 residual degrees "
                           "of freedom): its fit to the data cannot be checked");
  }
}

void MarkNotEstimable(LoglinearEstimate& est) {
  est.estimable = false;
  est.estimate = est.lower = est.upper = std::numeric_limits<double>::quiet_NaN();
}

base::Status CheckLevel(double level) {
  if (!(level > 0 && level < 1)) {
    return base::InvalidArgumentError("level must be between 0 and 1, got " + Fmt(level));
  }
  return base::OkStatus();
}

}  // namespace

base::Result<LoglinearEstimate> EstimateLoglinear(std::span<const int64_t> counts, int num_lists,
                                                  const LoglinearOptions& options) {
  VKA_RETURN_IF_ERROR(internal::CheckCounts(counts, num_lists));
  VKA_RETURN_IF_ERROR(CheckLevel(options.level));
  if (options.three_way && num_lists > kMaxThreeWayLists) {
    return base::InvalidArgumentError("three-way search is limited to 5 lists");
  }
  ModelSpace space(counts, num_lists);
  LoglinearEstimate est;
  est.observed = static_cast<int64_t>(space.observed());
  est.level = options.level;
  est.criterion = options.criterion;
  std::vector<LoglinearFit> fits;
  if (num_lists <= kMaxExhaustiveLists) {
    est.search = "exhaustive";
    fits = FitAll(space, EnumerateModels(num_lists, options.three_way), options.threads);
  } else {
    est.search = "forward stepwise";
    fits = ForwardStepwise(space, options.criterion);
  }
  est.models_considered = static_cast<int64_t>(fits.size());
  const std::string reasons = DistinctProblems(fits);
  Rank(fits, options.criterion);
  est.models_usable = static_cast<int64_t>(fits.size());
  if (est.models_usable < est.models_considered) {
    est.warnings.push_back(std::to_string(est.models_considered - est.models_usable) + " of " +
                           std::to_string(est.models_considered) +
                           " models were excluded as not identifiable or without a finite "
                           "MLE; reasons include: " + reasons);
  }
  if (fits.empty()) {
    MarkNotEstimable(est);
    est.warnings.push_back("no model has a finite, identifiable estimate: the table is too "
                           "sparse; no estimate is given");
    return est;
  }
  std::vector<double> w = Weights(fits, options.criterion);
  est.chosen = fits[0];
  WarnOnCompetitors(est, fits);
  if (options.average) {
    Average(est, fits, w);
  } else {
    FillFromModel(est, counts, num_lists);
  }
  const size_t keep = std::min(options.ranking_size, fits.size());
  est.ranking.assign(fits.begin(), fits.begin() + keep);
  est.weights.assign(w.begin(), w.begin() + keep);
  return est;
}

base::Result<LoglinearEstimate> EstimateLoglinearModel(std::span<const int64_t> counts,
                                                       int num_lists, std::vector<uint32_t> terms,
                                                       double level) {
  VKA_RETURN_IF_ERROR(CheckLevel(level));
  VKA_ASSIGN_OR_RETURN(LoglinearFit fit, FitLoglinear(counts, num_lists, std::move(terms)));
  LoglinearEstimate est;
  for (size_t c = 1; c < counts.size(); ++c) est.observed += counts[c];
  est.level = level;
  est.search = "given model";
  est.models_considered = 1;
  est.models_usable = fit.usable ? 1 : 0;
  est.chosen = fit;
  if (!fit.usable) {
    MarkNotEstimable(est);
    for (const auto& p : fit.problems) est.warnings.push_back(p);
    return est;
  }
  est.ranking = {fit};
  est.weights = {1.0};
  FillFromModel(est, counts, num_lists);
  return est;
}

}  // namespace vka::stats
