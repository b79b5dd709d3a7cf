#pragma once

// Clustering of accepted record pairs into entities, with a guard against
// chaining: two groups are joined only if, on average, all record pairs
// across them look like matches, not just the one link that connects them.

#include <cstdint>
#include <functional>
#include <vector>

namespace vka::linkage {

struct Edge {
  int32_t a = 0;
  int32_t b = 0;
  double weight = 0;  // match weight in bits (higher: more alike)
};

struct ClusterOptions {
  // Groups joined by an edge are merged only if the mean weight over every
  // pair across them is at least this.
  double min_mean_weight = 0.0;
  // Above this many cross pairs the guard is skipped (the edge decides).
  int64_t max_cross_pairs = 10000;
};

// Returns a cluster index per record (0..k-1, numbered by first record).
// Edges are taken strongest first; `weight_of(a, b)` scores any pair for the
// guard. Deterministic for the same inputs.
std::vector<int32_t> ClusterRecords(int32_t records, std::vector<Edge> edges,
                                    const std::function<double(int32_t, int32_t)>& weight_of,
                                    const ClusterOptions& options = {});

}  // namespace vka::linkage
