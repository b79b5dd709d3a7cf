#include "stats/lcmcr.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <thread>

#include "stats/internal/random.h"
#include "stats/mcmc.h"

namespace vka::stats {
namespace {

using internal::Rng;

constexpr double kMaxRhat = 1.05;
constexpr double kMinEss = 100;
constexpr double kMaxStick = 1 - 1e-12;

// One chain's state and its Gibbs steps.
class Sampler {
 public:
  Sampler(std::span<const int64_t> counts, int num_lists, const LcmcrOptions& o, uint64_t seed)
      : lists_(num_lists), k_(o.k_star), opt_(o), rng_(seed),
        lambda_(k_ * lists_), pi_(k_), v_(k_), weight_(k_), class_n_(k_), class_s_(k_ * lists_) {
    for (uint32_t c = 1; c < counts.size(); ++c) {
      if (counts[c] > 0) patterns_.push_back(c), pattern_n_.push_back(counts[c]);
      n_ += counts[c];
    }
    for (double& l : lambda_) l = rng_.Beta(1, 1);
    for (int k = 0; k < k_; ++k) pi_[k] = 1.0 / k_;
    n0_ = n_;
  }

  void Step() {
    std::fill(class_n_.begin(), class_n_.end(), 0);
    std::fill(class_s_.begin(), class_s_.end(), 0);
    AllocateObserved();
    DrawMissing();
    DrawLambda();
    DrawSticks();
  }

  double total() const { return static_cast<double>(n_ + n0_); }

 private:
  // Draws `count` people into classes with probabilities proportional to
  // weight_ (a multinomial draw) and adds them to the class counts and the
  // list sums for `pattern`. Few people: one categorical draw each; many:
  // conditional binomials, class by class.
  void Allocate(uint32_t pattern, int64_t count) {
    constexpr int64_t kOneByOne = 24;
    if (count <= kOneByOne) return AllocateOneByOne(pattern, count);
    double rest = 0;
    for (int k = 0; k < k_; ++k) rest += weight_[k];
    for (int k = 0; k < k_ && count > 0; ++k) {
      const double p = k == k_ - 1 ? 1.0 : std::clamp(weight_[k] / rest, 0.0, 1.0);
      const int64_t m = rng_.Binomial(count, p);
      rest -= weight_[k];
      count -= m;
      AddToClass(pattern, k, m);
    }
  }

  void AllocateOneByOne(uint32_t pattern, int64_t count) {
    double cum[64];
    double total = 0;
    for (int k = 0; k < k_; ++k) cum[k] = total += weight_[k];
    for (int64_t person = 0; person < count; ++person) {
      const double u = rng_.Unit() * total;
      int k = 0;
      while (k < k_ - 1 && cum[k] <= u) ++k;
      AddToClass(pattern, k, 1);
    }
  }

  void AddToClass(uint32_t pattern, int k, int64_t m) {
    class_n_[k] += m;
    for (int j = 0; j < lists_; ++j) class_s_[k * lists_ + j] += (pattern >> j) & 1 ? m : 0;
  }

  void PatternWeights(uint32_t pattern) {
    for (int k = 0; k < k_; ++k) {
      double w = pi_[k];
      const double* lam = &lambda_[k * lists_];
      for (int j = 0; j < lists_; ++j) w *= (pattern >> j) & 1 ? lam[j] : 1 - lam[j];
      weight_[k] = w;
    }
  }

  void AllocateObserved() {
    for (size_t idx = 0; idx < patterns_.size(); ++idx) {
      PatternWeights(patterns_[idx]);
      Allocate(patterns_[idx], pattern_n_[idx]);
    }
  }

  void DrawMissing() {
    PatternWeights(0);
    double p0 = 0;
    for (double w : weight_) p0 += w;
    p0 = std::min(p0, kMaxStick);
    n0_ = rng_.NegativeBinomial(static_cast<double>(n_), 1 - p0);
    Allocate(0, n0_);
  }

  void DrawLambda() {
    for (int k = 0; k < k_; ++k) {
      for (int j = 0; j < lists_; ++j) {
        const int64_t s = class_s_[k * lists_ + j];
        lambda_[k * lists_ + j] = rng_.Beta(1.0 + s, 1.0 + class_n_[k] - s);
      }
    }
  }

  void DrawSticks() {
    int64_t rest = 0;
    for (int64_t c : class_n_) rest += c;
    double remaining = 1, log_sum = 0;
    for (int k = 0; k < k_; ++k) {
      rest -= class_n_[k];
      v_[k] = k == k_ - 1 ? 1.0
                          : std::min(rng_.Beta(1.0 + class_n_[k], alpha_ + rest), kMaxStick);
      pi_[k] = remaining * v_[k];
      remaining *= 1 - v_[k];
      if (k < k_ - 1) log_sum += std::log1p(-v_[k]);
    }
    alpha_ = rng_.Gamma(opt_.a_alpha + k_ - 1) / (opt_.b_alpha - log_sum);
  }

  const int lists_;
  const int k_;
  const LcmcrOptions opt_;
  Rng rng_;
  std::vector<uint32_t> patterns_;
  std::vector<int64_t> pattern_n_;
  int64_t n_ = 0;
  int64_t n0_ = 0;
  double alpha_ = 1;
  std::vector<double> lambda_, pi_, v_, weight_;
  std::vector<int64_t> class_n_, class_s_;
};

std::vector<double> RunChain(std::span<const int64_t> counts, int num_lists,
                             const LcmcrOptions& o, int chain) {
  Sampler sampler(counts, num_lists, o, internal::DeriveSeed(o.seed, chain));
  for (int64_t it = 0; it < o.burn_in; ++it) sampler.Step();
  std::vector<double> draws;
  draws.reserve(o.samples);
  for (int64_t s = 0; s < o.samples; ++s) {
    for (int64_t t = 0; t < o.thinning; ++t) sampler.Step();
    draws.push_back(sampler.total());
  }
  return draws;
}

base::Status CheckOptions(const LcmcrOptions& o) {
  constexpr int kMaxClasses = 64;
  if (o.k_star < 1 || o.k_star > kMaxClasses) {
    return base::InvalidArgumentError("K* must be 1 to 64");
  }
  if (o.samples < 4 || o.thinning < 1 || o.burn_in < 0 || o.chains < 1 || o.threads < 1) {
    return base::InvalidArgumentError(
        "need samples >= 4, thinning >= 1, burn-in >= 0, chains >= 1, threads >= 1");
  }
  if (!(o.a_alpha > 0 && o.b_alpha > 0)) {
    return base::InvalidArgumentError("the Gamma prior on alpha needs a > 0 and b > 0");
  }
  if (!(o.level > 0 && o.level < 1)) return base::InvalidArgumentError("level must be in (0, 1)");
  return base::OkStatus();
}

std::string Fmt(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4g", v);
  return buf;
}

}  // namespace

void SummarizeDraws(LcmcrEstimate& est) {
  const double tail = (1 - est.level) / 2;
  est.estimate = PooledQuantile(est.draws, 0.5);
  est.mean = PooledMean(est.draws);
  est.lower = PooledQuantile(est.draws, tail);
  est.upper = PooledQuantile(est.draws, 1 - tail);
  est.rhat = SplitRhat(est.draws);
  est.ess = EffectiveSampleSize(est.draws);
  if (!(est.rhat <= kMaxRhat)) {
    est.warnings.push_back("split R-hat of N is " + Fmt(est.rhat) + " (above " + Fmt(kMaxRhat) +
                           "): the chains have not converged; run longer (--burn-in, --samples)");
  }
  if (!(est.ess >= kMinEss)) {
    est.warnings.push_back("effective sample size of N is " + Fmt(est.ess) + " (below " +
                           Fmt(kMinEss) + "): the interval is imprecise; run longer");
  }
}

base::Result<LcmcrEstimate> EstimateLcmcr(std::span<const int64_t> counts, int num_lists,
                                          const LcmcrOptions& options) {
  VKA_RETURN_IF_ERROR(CheckOptions(options));
  if (num_lists < 2 || num_lists > 15 || counts.size() != (size_t{1} << num_lists)) {
    return base::InvalidArgumentError("table needs 2^K counts for 2 to 15 lists");
  }
  LcmcrEstimate est;
  for (size_t c = 1; c < counts.size(); ++c) {
    if (counts[c] < 0) return base::InvalidArgumentError("negative count");
    est.observed += counts[c];
  }
  if (est.observed == 0) return base::InvalidArgumentError("no one is documented on any list");
  est.options = options;
  est.level = options.level;
  est.iterations_per_chain = options.burn_in + options.samples * options.thinning;
  est.draws.resize(options.chains);
  for (int first = 0; first < options.chains; first += options.threads) {
    std::vector<std::thread> pool;
    const int last = std::min(options.chains, first + options.threads);
    for (int chain = first + 1; chain < last; ++chain) {
      pool.emplace_back([&, chain] { est.draws[chain] = RunChain(counts, num_lists, options, chain); });
    }
    est.draws[first] = RunChain(counts, num_lists, options, first);
    for (auto& th : pool) th.join();
  }
  SummarizeDraws(est);
  if (num_lists < 3) {
    est.warnings.push_back("with 2 lists the latent-class model is not identified by the data: "
                           "the estimate reflects the prior");
  }
  return est;
}

}  // namespace vka::stats
