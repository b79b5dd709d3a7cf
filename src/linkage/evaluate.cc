#include "linkage/evaluate.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace vka::linkage {
namespace {

int64_t Choose2(int64_t n) { return n * (n - 1) / 2; }

std::unordered_map<int64_t, int64_t> Sizes(const std::vector<int64_t>& labels) {
  std::unordered_map<int64_t, int64_t> sizes;
  for (int64_t l : labels) ++sizes[l];
  return sizes;
}

struct PairHash {
  size_t operator()(const std::pair<int64_t, int64_t>& p) const {
    return std::hash<int64_t>()(p.first * 1000003 ^ p.second);
  }
};

void Finish(PairwiseMetrics& m) {
  m.precision = m.predicted_pairs ? static_cast<double>(m.correct_pairs) / m.predicted_pairs : 1.0;
  m.recall = m.true_pairs ? static_cast<double>(m.correct_pairs) / m.true_pairs : 1.0;
  m.f1 = m.precision + m.recall > 0 ? 2 * m.precision * m.recall / (m.precision + m.recall) : 0.0;
}

}  // namespace

PairwiseMetrics PairwiseFromClusters(const std::vector<int64_t>& predicted,
                                     const std::vector<int64_t>& truth) {
  std::unordered_map<std::pair<int64_t, int64_t>, int64_t, PairHash> cells;
  for (size_t i = 0; i < predicted.size(); ++i) ++cells[{predicted[i], truth[i]}];
  PairwiseMetrics m;
  for (const auto& [label, n] : Sizes(predicted)) m.predicted_pairs += Choose2(n);
  for (const auto& [label, n] : Sizes(truth)) m.true_pairs += Choose2(n);
  for (const auto& [cell, n] : cells) m.correct_pairs += Choose2(n);
  Finish(m);
  return m;
}

ClusterMetrics ClusterLevel(const std::vector<int64_t>& predicted, const std::vector<int64_t>& truth) {
  std::unordered_map<std::pair<int64_t, int64_t>, int64_t, PairHash> cells;
  for (size_t i = 0; i < predicted.size(); ++i) ++cells[{predicted[i], truth[i]}];
  auto pred_sizes = Sizes(predicted);
  auto true_sizes = Sizes(truth);
  ClusterMetrics c;
  c.records = static_cast<int64_t>(predicted.size());
  c.predicted_clusters = static_cast<int64_t>(pred_sizes.size());
  c.true_entities = static_cast<int64_t>(true_sizes.size());
  double p = 0, r = 0;
  for (const auto& [cell, n] : cells) {
    double dn = static_cast<double>(n);
    p += dn * dn / static_cast<double>(pred_sizes[cell.first]);
    r += dn * dn / static_cast<double>(true_sizes[cell.second]);
    if (n == pred_sizes[cell.first] && n == true_sizes[cell.second]) ++c.exact_clusters;
  }
  if (c.records > 0) {
    c.b3_precision = p / static_cast<double>(c.records);
    c.b3_recall = r / static_cast<double>(c.records);
  }
  double s = c.b3_precision + c.b3_recall;
  c.b3_f1 = s > 0 ? 2 * c.b3_precision * c.b3_recall / s : 0;
  return c;
}

PairwiseMetrics PairwiseFromPairs(const std::vector<std::pair<int32_t, int32_t>>& pairs,
                                  const std::vector<int64_t>& truth) {
  PairwiseMetrics m;
  for (const auto& [label, n] : Sizes(truth)) m.true_pairs += Choose2(n);
  m.predicted_pairs = static_cast<int64_t>(pairs.size());
  for (const auto& [a, b] : pairs) m.correct_pairs += truth[a] == truth[b] ? 1 : 0;
  Finish(m);
  return m;
}

double PairsCompleteness(const std::vector<std::pair<int32_t, int32_t>>& candidates,
                         const std::vector<int64_t>& truth) {
  PairwiseMetrics m = PairwiseFromPairs(candidates, truth);
  return m.recall;
}

std::vector<OverlapRow> OverlapTable(const std::vector<int64_t>& cluster,
                                     const std::vector<int32_t>& list, int32_t lists) {
  std::unordered_map<int64_t, std::vector<uint8_t>> membership;
  for (size_t i = 0; i < cluster.size(); ++i) {
    auto& m = membership[cluster[i]];
    if (m.empty()) m.assign(lists, 0);
    if (list[i] >= 0 && list[i] < lists) m[list[i]] = 1;
  }
  std::map<std::vector<uint8_t>, int64_t, std::greater<>> counts;
  for (const auto& [c, m] : membership) {
    if (std::find(m.begin(), m.end(), 1) != m.end()) ++counts[m];
  }
  std::vector<OverlapRow> rows;
  for (const auto& [m, n] : counts) rows.push_back({m, n});
  return rows;
}

}  // namespace vka::linkage
