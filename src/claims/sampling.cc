#include "claims/sampling.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace vka::claims {
namespace {

constexpr int kBisectionSteps = 60;

}  // namespace

double NormalQuantile(double p) {
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01,  -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  constexpr double kLow = 0.02425;
  if (p < kLow) {
    double q = std::sqrt(-2 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - kLow) return -NormalQuantile(1 - p);
  double q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

int64_t SampleSize(int64_t population, double margin, double confidence) {
  if (population <= 0) return 0;
  double z = NormalQuantile(0.5 + confidence / 2);
  double n0 = z * z * 0.25 / (margin * margin);
  double n = n0 / (1 + (n0 - 1) / static_cast<double>(population));
  return std::min<int64_t>(population, static_cast<int64_t>(std::ceil(n)));
}

std::vector<std::string> DrawSample(const std::vector<std::string>& ids, int64_t size, uint64_t seed) {
  if (size >= static_cast<int64_t>(ids.size())) return ids;
  // Selection sampling (Knuth's algorithm S): one pass, order kept. The raw
  // engine output is fixed by the standard, so the sample is portable.
  std::mt19937_64 engine(seed);
  std::vector<std::string> out;
  int64_t needed = size;
  auto remaining = static_cast<int64_t>(ids.size());
  for (const auto& id : ids) {
    double u = static_cast<double>(engine() >> 11) * 0x1.0p-53;
    if (u * static_cast<double>(remaining) < static_cast<double>(needed)) {
      out.push_back(id);
      --needed;
    }
    --remaining;
  }
  return out;
}

double BinomialCdf(int64_t k, int64_t n, double p) {
  if (k < 0) return 0;
  if (k >= n) return 1;
  if (p <= 0) return 1;
  if (p >= 1) return 0;
  double sum = 0;
  double log_p = std::log(p), log_q = std::log1p(-p);
  for (int64_t i = 0; i <= k; ++i) {
    double log_term = std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) + i * log_p +
                      (n - i) * log_q;
    sum += std::exp(log_term);
  }
  return std::min(1.0, sum);
}

base::Result<double> ErrorRateUpperBound(int64_t errors, int64_t n, double confidence) {
  if (n <= 0 || errors < 0 || errors > n || !(confidence > 0 && confidence < 1)) {
    return base::InvalidArgumentError("need 0 <= errors <= sample size, a sample size > 0 and 0 < confidence < 1");
  }
  if (errors == n) return 1.0;
  // The bound is the p at which seeing `errors` or fewer becomes as unlikely
  // as 1 - confidence; the CDF falls as p grows.
  double lo = static_cast<double>(errors) / static_cast<double>(n), hi = 1.0;
  for (int step = 0; step < kBisectionSteps; ++step) {
    double mid = (lo + hi) / 2;
    (BinomialCdf(errors, n, mid) > 1 - confidence ? lo : hi) = mid;
  }
  return hi;
}

}  // namespace vka::claims
