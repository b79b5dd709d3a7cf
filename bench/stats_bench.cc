// Benchmarks of multiple systems estimation (issue 6, BENCHMARKS.md):
//   - all 32,768 hierarchical two-way log-linear models of a 6-list table
//     fitted, checked for existence and identifiability, and ranked (plus the
//     profile interval of the chosen model);
//   - LCMCR Gibbs iterations per second on a 5-list table with K* = 10.
// The tables are synthetic, drawn from a fixed seed.
// Build: g++ -std=c++20 -O2 -I src bench/stats_bench.cc src/stats/*.cc (without
// *_test.cc) src/stats/internal/*.cc src/base/status.cc -lbenchmark -pthread

#include <benchmark/benchmark.h>

#include <vector>

#include "stats/internal/random.h"
#include "stats/lcmcr.h"
#include "stats/loglinear.h"

namespace vka::stats {
namespace {

// Two latent classes (share `hard` captured with p_hard per list, the rest
// with p_easy), patterns tallied.
std::vector<int64_t> Simulate(int lists, int n_total, uint64_t seed) {
  internal::Rng rng(seed);
  std::vector<int64_t> counts(size_t{1} << lists, 0);
  for (int person = 0; person < n_total; ++person) {
    const double p = rng.Unit() < 0.4 ? 0.15 : 0.5;
    uint32_t pattern = 0;
    for (int j = 0; j < lists; ++j) {
      if (rng.Unit() < p) pattern |= 1u << j;
    }
    counts[pattern]++;
  }
  counts[0] = 0;
  return counts;
}

void BM_AllTwoWayModelsSixLists(benchmark::State& state) {
  const auto counts = Simulate(6, 5000, 6);
  LoglinearOptions options;
  options.threads = static_cast<int>(state.range(0));
  int64_t models = 0;
  for (auto _ : state) {
    auto est = EstimateLoglinear(counts, 6, options);
    benchmark::DoNotOptimize(est);
    models = est->models_considered;
  }
  state.counters["models"] = static_cast<double>(models);
  state.counters["models_per_s"] =
      benchmark::Counter(static_cast<double>(models), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_AllTwoWayModelsSixLists)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LcmcrIterationsFiveLists(benchmark::State& state) {
  const auto counts = Simulate(5, static_cast<int>(state.range(0)), 5);
  int64_t observed = 0;
  for (size_t c = 1; c < counts.size(); ++c) observed += counts[c];
  LcmcrOptions options;
  options.k_star = 10;
  options.chains = 1;
  options.threads = 1;
  options.burn_in = 0;
  options.samples = 1000;
  options.thinning = 10;
  for (auto _ : state) {
    auto est = EstimateLcmcr(counts, 5, options);
    benchmark::DoNotOptimize(est);
  }
  state.counters["observed"] = static_cast<double>(observed);
  state.counters["iterations_per_s"] = benchmark::Counter(
      static_cast<double>(options.samples * options.thinning), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_LcmcrIterationsFiveLists)->Arg(1000)->Arg(6000)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace vka::stats

BENCHMARK_MAIN();
