#include "linkage/cluster.h"

#include <algorithm>
#include <numeric>

namespace vka::linkage {
namespace {

class Groups {
 public:
  explicit Groups(int32_t n) : parent_(n), members_(n) {
    std::iota(parent_.begin(), parent_.end(), 0);
    for (int32_t i = 0; i < n; ++i) members_[i] = {i};
  }
  int32_t Find(int32_t x) {
    while (parent_[x] != x) x = parent_[x] = parent_[parent_[x]];
    return x;
  }
  const std::vector<int32_t>& Members(int32_t root) const { return members_[root]; }
  void Merge(int32_t ra, int32_t rb) {
    if (members_[ra].size() < members_[rb].size()) std::swap(ra, rb);
    parent_[rb] = ra;
    members_[ra].insert(members_[ra].end(), members_[rb].begin(), members_[rb].end());
    members_[rb].clear();
    members_[rb].shrink_to_fit();
  }

 private:
  std::vector<int32_t> parent_;
  std::vector<std::vector<int32_t>> members_;
};

bool GuardAllows(const std::vector<int32_t>& x, const std::vector<int32_t>& y,
                 const std::function<double(int32_t, int32_t)>& weight_of,
                 const ClusterOptions& options) {
  int64_t cross = static_cast<int64_t>(x.size()) * static_cast<int64_t>(y.size());
  if (cross <= 1 || cross > options.max_cross_pairs) return true;
  double sum = 0;
  for (int32_t a : x) {
    for (int32_t b : y) sum += weight_of(std::min(a, b), std::max(a, b));
  }
  return sum / static_cast<double>(cross) >= options.min_mean_weight;
}

}  // namespace

std::vector<int32_t> ClusterRecords(int32_t records, std::vector<Edge> edges,
                                    const std::function<double(int32_t, int32_t)>& weight_of,
                                    const ClusterOptions& options) {
  std::stable_sort(edges.begin(), edges.end(), [](const Edge& l, const Edge& r) {
    if (l.weight != r.weight) return l.weight > r.weight;
    return l.a != r.a ? l.a < r.a : l.b < r.b;
  });
  Groups groups(records);
  for (const Edge& e : edges) {
    int32_t ra = groups.Find(e.a), rb = groups.Find(e.b);
    if (ra == rb) continue;
    if (!GuardAllows(groups.Members(ra), groups.Members(rb), weight_of, options)) continue;
    groups.Merge(ra, rb);
  }
  std::vector<int32_t> cluster(records, -1), id_of_root(records, -1);
  int32_t next = 0;
  for (int32_t i = 0; i < records; ++i) {
    int32_t root = groups.Find(i);
    if (id_of_root[root] < 0) id_of_root[root] = next++;
    cluster[i] = id_of_root[root];
  }
  return cluster;
}

}  // namespace vka::linkage
