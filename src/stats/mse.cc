#include "stats/mse.h"

#include <cmath>
#include <limits>

namespace vka::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void SetFigures(MethodResult& r, bool estimable, double estimate, double lower, double upper) {
  r.estimable = estimable;
  r.estimate = estimable ? estimate : kNaN;
  r.missing = estimable ? estimate - static_cast<double>(r.observed) : kNaN;
  r.lower = estimable ? lower : kNaN;
  r.upper = estimable ? upper : kNaN;
}

double Chapman(std::span<const int64_t> counts, int num_lists) {
  if (num_lists != 2) return kNaN;
  return ChapmanEstimate(counts[1] + counts[3], counts[2] + counts[3], counts[3]);
}

base::Result<MethodResult> RunLoglinear(std::span<const int64_t> counts, int num_lists,
                                        const MseOptions& o) {
  LoglinearEstimate est;
  if (o.loglinear_model) {
    VKA_ASSIGN_OR_RETURN(est, EstimateLoglinearModel(counts, num_lists, *o.loglinear_model, o.level));
  } else {
    LoglinearOptions lo = o.loglinear_options;
    lo.level = o.level;
    VKA_ASSIGN_OR_RETURN(est, EstimateLoglinear(counts, num_lists, lo));
  }
  MethodResult r;
  r.method = "loglinear";
  r.observed = est.observed;
  r.level = o.level;
  r.chapman = Chapman(counts, num_lists);
  SetFigures(r, est.estimable, est.estimate, est.lower, est.upper);
  r.warnings = est.warnings;
  r.loglinear = std::move(est);
  return r;
}

base::Result<MethodResult> RunLcmcr(std::span<const int64_t> counts, int num_lists,
                                    const MseOptions& o) {
  LcmcrOptions lo = o.lcmcr_options;
  lo.level = o.level;
  VKA_ASSIGN_OR_RETURN(LcmcrEstimate est, EstimateLcmcr(counts, num_lists, lo));
  MethodResult r;
  r.method = "lcmcr";
  r.observed = est.observed;
  r.level = o.level;
  r.chapman = kNaN;
  SetFigures(r, true, est.estimate, est.lower, est.upper);
  r.warnings = est.warnings;
  r.lcmcr = std::move(est);
  return r;
}

base::Result<std::vector<MethodResult>> RunMethods(std::span<const int64_t> counts, int num_lists,
                                                   const MseOptions& o) {
  std::vector<MethodResult> out;
  if (o.loglinear) {
    VKA_ASSIGN_OR_RETURN(MethodResult r, RunLoglinear(counts, num_lists, o));
    out.push_back(std::move(r));
  }
  if (o.lcmcr) {
    VKA_ASSIGN_OR_RETURN(MethodResult r, RunLcmcr(counts, num_lists, o));
    out.push_back(std::move(r));
  }
  return out;
}

// Sums the loglinear results of the strata (approximation in mse.h).
MethodResult CombineLoglinear(const std::vector<const MethodResult*>& parts, double level) {
  MethodResult total;
  total.method = "loglinear";
  total.level = level;
  total.chapman = kNaN;
  double estimate = 0, low2 = 0, high2 = 0;
  bool estimable = true;
  for (const MethodResult* p : parts) {
    total.observed += p->observed;
    if (!p->estimable) {
      estimable = false;
      total.warnings.push_back("stratum '" + p->stratum + "' has no estimate, so the total has none");
      continue;
    }
    estimate += p->estimate;
    low2 += (p->estimate - p->lower) * (p->estimate - p->lower);
    high2 += (p->upper - p->estimate) * (p->upper - p->estimate);
  }
  SetFigures(total, estimable, estimate,
             std::max(static_cast<double>(total.observed), estimate - std::sqrt(low2)),
             estimate + std::sqrt(high2));
  if (estimable) {
    total.warnings.push_back("combined interval over strata: an approximation (each side's "
                             "half-widths added in quadrature), not a profile likelihood");
  }
  return total;
}

// Sums the strata's posterior draws index by index.
MethodResult CombineLcmcr(const std::vector<const MethodResult*>& parts, double level) {
  MethodResult total;
  total.method = "lcmcr";
  total.level = level;
  total.chapman = kNaN;
  LcmcrEstimate sum = *parts[0]->lcmcr;
  sum.warnings.clear();
  sum.observed = 0;
  for (auto& chain : sum.draws) std::fill(chain.begin(), chain.end(), 0.0);
  for (const MethodResult* p : parts) {
    total.observed += p->observed;
    sum.observed += p->observed;
    for (size_t c = 0; c < sum.draws.size(); ++c) {
      for (size_t i = 0; i < sum.draws[c].size(); ++i) sum.draws[c][i] += p->lcmcr->draws[c][i];
    }
  }
  SummarizeDraws(sum);
  SetFigures(total, true, sum.estimate, sum.lower, sum.upper);
  total.warnings = sum.warnings;
  total.lcmcr = std::move(sum);
  return total;
}

std::vector<std::string> Caveats() {
  return {
      "Documented counts are lower bounds: every list misses people, and misses some kinds "
      "of people more than others.",
      "Each estimate of the undocumented depends on the assumptions of its model (how the "
      "lists depend on each other, a closed population, correct record linkage); different "
      "models can give different answers.",
  };
}

}  // namespace

double ChapmanEstimate(int64_t n1, int64_t n2, int64_t both) {
  return static_cast<double>(n1 + 1) * static_cast<double>(n2 + 1) /
             static_cast<double>(both + 1) - 1;
}

base::Result<MseResult> EstimatePopulation(const OverlapTable& table, const MseOptions& options) {
  if (!options.loglinear && !options.lcmcr) return base::InvalidArgumentError("no method chosen");
  if (!(options.level > 0 && options.level < 1)) {
    return base::InvalidArgumentError("level must be between 0 and 1");
  }
  MseResult result;
  result.list_names = table.list_names;
  result.stratum_column = table.stratum_column;
  result.caveats = Caveats();
  const int k = table.num_lists();
  if (table.stratum_column.empty()) {
    VKA_ASSIGN_OR_RETURN(result.totals, RunMethods(table.counts[0], k, options));
    return result;
  }
  for (size_t s = 0; s < table.strata.size(); ++s) {
    VKA_ASSIGN_OR_RETURN(auto rs, RunMethods(table.counts[s], k, options));
    for (auto& r : rs) {
      r.stratum = table.strata[s];
      for (auto& w : r.warnings) w = "stratum '" + table.strata[s] + "': " + w;
      result.strata.push_back(std::move(r));
    }
  }
  for (const char* method : {"loglinear", "lcmcr"}) {
    std::vector<const MethodResult*> parts;
    for (const auto& r : result.strata) {
      if (r.method == method) parts.push_back(&r);
    }
    if (parts.empty()) continue;
    result.totals.push_back(std::string(method) == "loglinear" ? CombineLoglinear(parts, options.level)
                                                               : CombineLcmcr(parts, options.level));
  }
  return result;
}

}  // namespace vka::stats
