#pragma once

// Accuracy of a linkage against ground truth, and the list-overlap table for
// multiple systems estimation. Labels are dense integers per record (the app
// maps ids and entity names to them).

#include <cstdint>
#include <utility>
#include <vector>

namespace vka::linkage {

struct PairwiseMetrics {
  int64_t true_pairs = 0;       // pairs of records of the same true entity
  int64_t predicted_pairs = 0;  // pairs put together by the linkage
  int64_t correct_pairs = 0;
  double precision = 0;
  double recall = 0;
  double f1 = 0;
};

struct ClusterMetrics {
  int64_t records = 0;
  int64_t predicted_clusters = 0;
  int64_t true_entities = 0;
  int64_t exact_clusters = 0;  // predicted clusters equal to a true entity
  double b3_precision = 0;     // B-cubed, averaged over records
  double b3_recall = 0;
  double b3_f1 = 0;
};

// REQUIRES: predicted.size() == truth.size(); labels >= 0.
PairwiseMetrics PairwiseFromClusters(const std::vector<int64_t>& predicted,
                                     const std::vector<int64_t>& truth);
ClusterMetrics ClusterLevel(const std::vector<int64_t>& predicted, const std::vector<int64_t>& truth);

// For a list of predicted pairs (record indices, no duplicates).
PairwiseMetrics PairwiseFromPairs(const std::vector<std::pair<int32_t, int32_t>>& pairs,
                                  const std::vector<int64_t>& truth);

// Share of true pairs among the candidate pairs (blocking quality).
double PairsCompleteness(const std::vector<std::pair<int32_t, int32_t>>& candidates,
                         const std::vector<int64_t>& truth);

// One row per pattern of list membership seen in some cluster: in_list[k] is
// 1 when the cluster holds a record of list k; count is how many clusters
// show that pattern. Sorted by pattern (lexicographically, 1 before 0).
struct OverlapRow {
  std::vector<uint8_t> in_list;
  int64_t count = 0;
};
std::vector<OverlapRow> OverlapTable(const std::vector<int64_t>& cluster,
                                     const std::vector<int32_t>& list, int32_t lists);

}  // namespace vka::linkage
