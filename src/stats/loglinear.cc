#include "stats/loglinear.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "stats/internal/loglinear_core.h"
#include "stats/internal/poisson_fit.h"

namespace vka::stats {
namespace {

using internal::ModelSpace;

constexpr double kColdStartOffset = 0.5;
constexpr int kProfileBisections = 60;
constexpr int kGoldenSteps = 80;
constexpr double kUpperCapFactor = 1e6;  // n0 beyond this many times n: unbounded

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// The complete-table profile log-likelihood of Cormack (1992) at n0.
class Profile {
 public:
  Profile(std::span<const int64_t> counts, int num_lists, const std::vector<uint32_t>& terms)
      : design_(internal::MakeDesign(internal::AllCells(num_lists),
                                     internal::FullTerms(num_lists, terms))),
        y_(counts.begin(), counts.end()),
        mu_(y_.size()) {
    for (double v : y_) n_ += v;
    y_[0] = 0;
    n_ -= static_cast<double>(counts[0]);
  }

  double observed() const { return n_; }

  // NaN when the complete-table fit fails.
  double LogLik(double n0) {
    y_[0] = n0;
    if (!warm_) {
      for (size_t c = 0; c < y_.size(); ++c) mu_[c] = y_[c] + kColdStartOffset;
    }
    internal::PoissonFitResult r = fitter_.Fit(design_, y_.data(), mu_.data());
    warm_ = r.converged;
    if (!r.converged) return std::numeric_limits<double>::quiet_NaN();
    const double total = n_ + n0;
    double ll = std::lgamma(total + 1) - std::lgamma(n0 + 1);
    for (size_t c = 0; c < y_.size(); ++c) {
      if (y_[c] > 0) ll += y_[c] * std::log(mu_[c] / total);
    }
    return ll;
  }

 private:
  internal::PoissonDesign design_;
  internal::PoissonFitter fitter_;
  std::vector<double> y_;
  std::vector<double> mu_;
  double n_ = 0;
  bool warm_ = false;
};

// Maximises l over [lo, hi] by golden-section search (l is unimodal in n0).
double GoldenMax(Profile& profile, double lo, double hi) {
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  double x1 = hi - ratio * (hi - lo), x2 = lo + ratio * (hi - lo);
  double f1 = profile.LogLik(x1), f2 = profile.LogLik(x2);
  for (int step = 0; step < kGoldenSteps && hi - lo > 1e-9 * (1 + hi); ++step) {
    if (f1 >= f2) {
      hi = x2, x2 = x1, f2 = f1;
      x1 = hi - ratio * (hi - lo), f1 = profile.LogLik(x1);
    } else {
      lo = x1, x1 = x2, f1 = f2;
      x2 = lo + ratio * (hi - lo), f2 = profile.LogLik(x2);
    }
  }
  return (lo + hi) / 2;
}

// The n0 in [inside, outside] where l crosses `threshold`; l(inside) is above.
double Crossing(Profile& profile, double inside, double outside, double threshold) {
  for (int step = 0; step < kProfileBisections; ++step) {
    double mid = (inside + outside) / 2;
    double l = profile.LogLik(mid);
    if (std::isfinite(l) && l >= threshold) {
      inside = mid;
    } else {
      outside = mid;
    }
    if (std::fabs(outside - inside) <= 1e-9 * (1 + std::fabs(inside))) break;
  }
  return (inside + outside) / 2;
}

}  // namespace

double NormalQuantile(double p) {
  double lo = -40, hi = 40;
  for (int step = 0; step < 200; ++step) {
    double mid = (lo + hi) / 2;
    if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return (lo + hi) / 2;
}

base::Result<LoglinearFit> FitLoglinear(std::span<const int64_t> counts, int num_lists,
                                        std::vector<uint32_t> terms) {
  VKA_RETURN_IF_ERROR(internal::CheckCounts(counts, num_lists));
  VKA_RETURN_IF_ERROR(internal::CheckHierarchical(num_lists, terms));
  internal::SortTerms(terms);
  ModelSpace space(counts, num_lists);
  internal::PoissonFitter fitter;
  std::vector<double> mu;
  return space.Fit(fitter, terms, mu, /*warm=*/false);
}

ProfileInterval ProfileLikelihoodInterval(std::span<const int64_t> counts, int num_lists,
                                          const LoglinearFit& fit, double level) {
  ProfileInterval out;
  Profile profile(counts, num_lists, fit.terms);
  const double n = profile.observed();
  const double q = std::pow(NormalQuantile((1 + level) / 2), 2);
  const double n0_max = GoldenMax(profile, 0, 2 * fit.n0 + 10 + 3 * fit.se_n0);
  const double l_max = profile.LogLik(n0_max);
  out.n_at_maximum = n + n0_max;
  if (!std::isfinite(l_max)) {
    out.problems.push_back("the profile likelihood could not be evaluated at its maximum");
    out.lower = out.upper = std::numeric_limits<double>::quiet_NaN();
    return out;
  }
  const double threshold = l_max - q / 2;
  const double l_zero = profile.LogLik(0);
  out.lower = n + (std::isfinite(l_zero) && l_zero >= threshold
                       ? 0.0
                       : Crossing(profile, n0_max, 0, threshold));
  double hi = std::max(2 * n0_max, n0_max + 10);
  const double cap = kUpperCapFactor * (n + 1);
  double l_hi = profile.LogLik(hi);
  while (std::isfinite(l_hi) && l_hi >= threshold && hi < cap) {
    hi *= 2;
    l_hi = profile.LogLik(hi);
  }
  if (std::isfinite(l_hi) && l_hi >= threshold) {
    out.upper = std::numeric_limits<double>::infinity();
    out.problems.push_back("the profile likelihood does not fall below the " + Fmt(level) +
                           " cut-off: the upper bound is unbounded (the lists carry too little "
                           "information about the undocumented under this model)");
    return out;
  }
  out.upper = n + Crossing(profile, n0_max, hi, threshold);
  return out;
}

std::string TermName(uint32_t term, const std::vector<std::string>& list_names) {
  std::string name;
  for (size_t list = 0; list < list_names.size(); ++list) {
    if (!((term >> list) & 1)) continue;
    if (!name.empty()) name += ":";
    name += list_names[list];
  }
  return name;
}

std::string ModelName(const std::vector<uint32_t>& terms,
                      const std::vector<std::string>& list_names) {
  if (terms.empty()) return "independence";
  std::string name;
  for (uint32_t term : terms) name += (name.empty() ? "" : " + ") + TermName(term, list_names);
  return name;
}

}  // namespace vka::stats
