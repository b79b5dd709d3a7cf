#include "stats/mcmc.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace vka::stats {
namespace {

double Mean(const std::vector<double>& v) {
  double s = 0;
  for (double x : v) s += x;
  return s / static_cast<double>(v.size());
}

double Variance(const std::vector<double>& v) {  // divisor n - 1
  double m = Mean(v), s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return s / static_cast<double>(v.size() - 1);
}

// W (mean within-chain variance) and var+ (pooled posterior variance).
struct Variances {
  double within = 0;
  double plus = 0;
};

Variances ComputeVariances(const std::vector<std::vector<double>>& chains) {
  const double n = static_cast<double>(chains[0].size());
  std::vector<double> means;
  Variances v;
  for (const auto& c : chains) {
    means.push_back(Mean(c));
    v.within += Variance(c);
  }
  v.within /= static_cast<double>(chains.size());
  const double between_over_n = chains.size() > 1 ? Variance(means) : 0.0;
  v.plus = (n - 1) / n * v.within + between_over_n;
  return v;
}

std::vector<std::vector<double>> SplitHalves(const std::vector<std::vector<double>>& chains) {
  std::vector<std::vector<double>> halves;
  for (const auto& c : chains) {
    const size_t half = c.size() / 2;
    halves.emplace_back(c.begin(), c.begin() + half);
    halves.emplace_back(c.end() - half, c.end());
  }
  return halves;
}

// Mean over chains of the lag-t autocovariance (divisor n).
double MeanAutocovariance(const std::vector<std::vector<double>>& chains, size_t lag) {
  double total = 0;
  for (const auto& c : chains) {
    const double m = Mean(c);
    double s = 0;
    for (size_t i = 0; i + lag < c.size(); ++i) s += (c[i] - m) * (c[i + lag] - m);
    total += s / static_cast<double>(c.size());
  }
  return total / static_cast<double>(chains.size());
}

}  // namespace

double PooledQuantile(const std::vector<std::vector<double>>& chains, double q) {
  std::vector<double> all;
  for (const auto& c : chains) all.insert(all.end(), c.begin(), c.end());
  std::sort(all.begin(), all.end());
  const double h = q * static_cast<double>(all.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, all.size() - 1);
  return all[lo] + (h - static_cast<double>(lo)) * (all[hi] - all[lo]);
}

double PooledMean(const std::vector<std::vector<double>>& chains) {
  double s = 0, n = 0;
  for (const auto& c : chains) {
    for (double x : c) s += x, n += 1;
  }
  return s / n;
}

double SplitRhat(const std::vector<std::vector<double>>& chains) {
  constexpr size_t kMinDraws = 4;
  if (chains.empty() || chains[0].size() < kMinDraws) return std::numeric_limits<double>::quiet_NaN();
  Variances v = ComputeVariances(SplitHalves(chains));
  if (v.within <= 0) return v.plus <= 0 ? 1.0 : std::numeric_limits<double>::infinity();
  return std::sqrt(v.plus / v.within);
}

double EffectiveSampleSize(const std::vector<std::vector<double>>& chains) {
  const double total = static_cast<double>(chains.size() * chains[0].size());
  if (chains[0].size() < 4) return total;
  Variances v = ComputeVariances(chains);
  if (v.plus <= 0) return total;
  auto rho = [&](size_t lag) { return 1 - (v.within - MeanAutocovariance(chains, lag)) / v.plus; };
  double tau = -1;  // tau = -1 + 2 * sum of positive pair sums
  for (size_t lag = 0; lag + 1 < chains[0].size(); lag += 2) {
    const double pair = rho(lag) + rho(lag + 1);
    if (pair <= 0) break;
    tau += 2 * pair;
  }
  return total / std::max(tau, 1.0 / std::log10(total));
}

}  // namespace vka::stats
