#include "linkage/linker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <unordered_map>

#include "linkage/cluster.h"
#include "linkage/comparators.h"
#include "linkage/names.h"

namespace vka::linkage {
namespace {

constexpr double kNameJwHigh = 0.92;
constexpr double kNameJwLow = 0.80;
constexpr double kPatronymicJw = 0.88;
constexpr double kJaccardMost = 0.5;
constexpr double kMaxTfBits = 6.0;
constexpr int32_t kNone = -1;
constexpr uint64_t kProgressStep = 1 << 16;
constexpr size_t kMaxMaskedRules = 32;
constexpr double kMinSessionPairs = 50;
constexpr double kMinSessionShare = 1e-4;
// Values that mean "not known" in any column.
constexpr std::string_view kNullTokens[] = {"unknown", "n/a", "na", "null", "none", "?", "-"};

std::string Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::string LowerAscii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

uint64_t Mix(uint64_t h, uint64_t v) {
  // splitmix64 finaliser over a running combination.
  uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

int LevelCount(FieldKind kind) { return static_cast<int>(LevelNames(kind).size()); }

// Distinct values of one family of columns: the normalised text, its key,
// its date. Name columns share one dictionary so that given and family
// names can be compared crosswise.
struct Dictionary {
  std::unordered_map<std::string, int32_t> id_of_raw;
  std::unordered_map<std::string, int32_t> id_of_text;
  std::vector<std::string> text;
  std::vector<int32_t> key;  // key id or kNone
  std::vector<std::optional<DateValue>> date;
  std::unordered_map<std::string, int32_t> id_of_key;
  std::vector<std::string> keys;
  // Blocking only: per key id, the id of its skeleton (the key without the
  // h/g/k/kh/v class, which lists drop or swap most: Anahit/Анаит,
  // Jhangiryan/Джангирян, Hakhverdyan/Akhverdian), filled by Skeletons().
  std::vector<int32_t> skeleton;
  std::unordered_map<std::string, int32_t> id_of_skeleton;
};

// The key without its 'W' class, runs collapsed again.
std::string SkeletonOf(const std::string& key) {
  constexpr char kDroppedClass = 'W';
  std::string out;
  for (char c : key) {
    if (c == kDroppedClass) continue;
    if (!out.empty() && out.back() == c) continue;
    out += c;
  }
  return out;
}

// Extends d.skeleton to every key of d.
void Skeletons(Dictionary& d) {
  for (size_t k = d.skeleton.size(); k < d.keys.size(); ++k) {
    std::string sk = SkeletonOf(d.keys[k]);
    auto [it, added] = d.id_of_skeleton.emplace(sk, static_cast<int32_t>(d.id_of_skeleton.size()));
    d.skeleton.push_back(it->second);
  }
}

struct Column {
  Dictionary* dict = nullptr;
  std::vector<int32_t> value;  // per record: distinct id or kNone
};

struct Field {
  FieldSpec spec;
  int levels = 0;
  Column* main = nullptr;
  Column* also = nullptr;
  std::vector<double> value_share;  // per distinct id: share of records (tf)
  std::vector<double> key_share;    // per key id
};

}  // namespace

struct Linker::State {
  LinkConfig config;
  const Table* left = nullptr;
  const Table* right = nullptr;
  int32_t n_left = 0;
  int32_t n = 0;
  std::unique_ptr<NameNormalizer> norm;
  std::optional<Diminutives> dims;
  std::map<std::string, std::unique_ptr<Dictionary>> dictionaries;  // by family name
  std::map<std::string, std::unique_ptr<Column>> columns;           // by "kind:column"
  std::vector<Field> fields;
  int swap_a = -1, swap_b = -1;  // field indices
  std::vector<FieldParams> params;
  double prior_weight = 0;
  bool fitted = false;

  const std::string& Cell(int32_t rec, int col) const {
    return rec < n_left ? left->rows[rec][col] : right->rows[rec - n_left][col];
  }
  int ColIndex(const std::string& name) const { return left->ColumnIndex(name); }
  int RightColIndex(const std::string& name) const {
    return right ? right->ColumnIndex(name) : -1;
  }

  std::string Normalise(FieldKind kind, const std::string& raw) const {
    switch (kind) {
      case FieldKind::kName:
      case FieldKind::kPatronymic:
      case FieldKind::kString:
      case FieldKind::kText:
        return norm->ToLatin(raw);
      default:
        return LowerAscii(raw);
    }
  }

  std::string KeyOf(FieldKind kind, const std::string& text) const {
    if (kind == FieldKind::kName) return dims->Canonical(PhoneticKey(text));
    if (kind == FieldKind::kPatronymic) return PatronymicKey(text);
    return "";
  }

  int32_t Intern(Dictionary& d, FieldKind kind, const std::string& raw) {
    auto it = d.id_of_raw.find(raw);
    if (it != d.id_of_raw.end()) return it->second;
    std::string text = Normalise(kind, raw);
    for (std::string_view null : kNullTokens) {
      if (LowerAscii(raw) == null) text.clear();
    }
    int32_t id = kNone;
    if (!text.empty()) {
      auto [tit, added] = d.id_of_text.emplace(text, static_cast<int32_t>(d.text.size()));
      id = tit->second;
      if (added) {
        d.text.push_back(text);
        std::string key = KeyOf(kind, text);
        int32_t key_id = kNone;
        if (!key.empty()) {
          auto [kit, key_added] = d.id_of_key.emplace(key, static_cast<int32_t>(d.keys.size()));
          if (key_added) d.keys.push_back(key);
          key_id = kit->second;
        }
        d.key.push_back(key_id);
        d.date.push_back(kind == FieldKind::kDate ? ParseDateValue(text) : std::nullopt);
      }
    }
    d.id_of_raw.emplace(raw, id);
    return id;
  }

  Column* ColumnFor(const std::string& name, FieldKind kind) {
    std::string id = std::string(FieldKindName(kind)) + ":" + name;
    auto it = columns.find(id);
    if (it != columns.end()) return it->second.get();
    std::string dict_name = kind == FieldKind::kName ? "names" : id;
    auto& dict = dictionaries[dict_name];
    if (!dict) dict = std::make_unique<Dictionary>();
    auto col = std::make_unique<Column>();
    col->dict = dict.get();
    col->value.resize(n);
    int lc = ColIndex(name), rc = RightColIndex(name);
    for (int32_t r = 0; r < n; ++r) {
      int c = r < n_left ? lc : rc;
      std::string raw = Trim(Cell(r, c));
      col->value[r] = raw.empty() ? kNone : Intern(*dict, kind, raw);
    }
    Column* out = col.get();
    columns.emplace(id, std::move(col));
    return out;
  }

  static int CompareValues(FieldKind kind, const Dictionary& d, int32_t va, int32_t vb) {
    if (va == kNone || vb == kNone) return kMissingLevel;
    if (va == vb) return 0;
    const std::string& ta = d.text[va];
    const std::string& tb = d.text[vb];
    switch (kind) {
      case FieldKind::kName: {
        if (d.key[va] != kNone && d.key[va] == d.key[vb]) return 1;
        double jw = JaroWinkler(ta, tb);
        return jw >= kNameJwHigh ? 2 : jw >= kNameJwLow ? 3 : 4;
      }
      case FieldKind::kPatronymic: {
        if (d.key[va] != kNone && d.key[va] == d.key[vb]) return 1;
        return JaroWinkler(ta, tb) >= kPatronymicJw ? 2 : 3;
      }
      case FieldKind::kString: {
        double jw = JaroWinkler(ta, tb);
        return jw >= kNameJwHigh ? 1 : jw >= kNameJwLow ? 2 : 3;
      }
      case FieldKind::kNumber: {
        int dist = BoundedLevenshtein(ta, tb, 2);
        return dist <= 1 ? 1 : dist == 2 ? 2 : 3;
      }
      case FieldKind::kExact:
        return 1;
      case FieldKind::kDate: {
        const auto& da = d.date[va];
        const auto& db = d.date[vb];
        if (da && db) return static_cast<int>(CompareDates(*da, *db));
        return BoundedLevenshtein(ta, tb, 1) <= 1 ? static_cast<int>(DateLevel::kTypo)
                                                  : static_cast<int>(DateLevel::kDifferent);
      }
      case FieldKind::kText: {
        double j = TokenJaccard(ta, tb);
        return j >= kJaccardMost ? 1 : j > 0 ? 2 : 3;
      }
    }
    return kMissingLevel;
  }

  // 0 for the same name, 1 for the same key, else kMissingLevel (cheap: no
  // string distance).
  static int KeyLevel(const Dictionary& d, int32_t va, int32_t vb) {
    if (va == kNone || vb == kNone) return kMissingLevel;
    if (va == vb) return 0;
    return d.key[va] != kNone && d.key[va] == d.key[vb] ? 1 : kMissingLevel;
  }

  int CompareField(const Field& f, int32_t a, int32_t b) const {
    const Dictionary& d = *f.main->dict;
    int level = CompareValues(f.spec.kind, d, f.main->value[a], f.main->value[b]);
    if (f.also != nullptr && level != 0) {
      auto better = [&](int l) {
        if (l != kMissingLevel && (level == kMissingLevel || l < level)) level = l;
      };
      better(CompareValues(f.spec.kind, d, f.main->value[a], f.also->value[b]));
      better(CompareValues(f.spec.kind, d, f.also->value[a], f.main->value[b]));
    }
    return level;
  }

  // Fills levels; returns true when given and family were compared swapped.
  bool CompareRecords(int32_t a, int32_t b, std::vector<int>& levels) const {
    levels.resize(fields.size());
    for (size_t f = 0; f < fields.size(); ++f) levels[f] = CompareField(fields[f], a, b);
    if (swap_a < 0) return false;
    constexpr int kKeyLevel = 1;
    if (levels[swap_a] <= kKeyLevel && levels[swap_b] <= kKeyLevel) return false;
    const Field& fa = fields[swap_a];
    const Field& fb = fields[swap_b];
    const Dictionary& d = *fa.main->dict;
    int x = KeyLevel(d, fa.main->value[a], fb.main->value[b]);
    int y = KeyLevel(d, fb.main->value[a], fa.main->value[b]);
    if (x == kMissingLevel || y == kMissingLevel) return false;
    levels[swap_a] = x;
    levels[swap_b] = y;
    return true;
  }

  double TfAdjustment(size_t f, int level, int32_t a) const {
    const Field& field = fields[f];
    if (!field.spec.term_frequency || level > 1 || level == kMissingLevel) return 0.0;
    int32_t v = field.main->value[a];
    if (v == kNone) return 0.0;
    const FieldParams& p = params[f];
    double share = 0, u = p.u[0];
    if (level == 0) {
      share = field.value_share[v];
    } else {
      int32_t k = field.main->dict->key[v];
      if (k == kNone) return 0.0;
      share = field.key_share[k];
      u += p.u[1];
    }
    if (share <= 0) return 0.0;
    return std::clamp(std::log2(u / share), -kMaxTfBits, kMaxTfBits);
  }

  double PairWeight(int32_t a, int32_t b, std::vector<int>& levels) const {
    bool swapped = CompareRecords(a, b, levels);
    double w = prior_weight;
    for (size_t f = 0; f < fields.size(); ++f) {
      w += params[f].Weight(levels[f]);
      if (!swapped || (static_cast<int>(f) != swap_a && static_cast<int>(f) != swap_b)) {
        w += TfAdjustment(f, levels[f], a);
      }
    }
    return w;
  }

  // Order inside an oversized block: by the first date field's text (ISO
  // dates sort by time; missing last), then by record.
  bool SecondaryLess(int32_t a, int32_t b) const {
    for (const Field& f : fields) {
      if (f.spec.kind != FieldKind::kDate) continue;
      int32_t va = f.main->value[a], vb = f.main->value[b];
      if (va != vb) {
        if (va == kNone || vb == kNone) return vb == kNone;
        return f.main->dict->text[va] < f.main->dict->text[vb];
      }
      break;
    }
    return a < b;
  }

  double PossiblePairs() const {
    double nl = n_left, nr = n - n_left;
    return right ? nl * nr : nl * (nl - 1) / 2.0;
  }
};

namespace {

// Pairs one blocking rule may produce before its biggest blocks are
// searched by sorted neighbourhood instead (bounds time and memory at a
// million records, where name-only blocks hold hundreds of people).
constexpr double kPairsPerRecord = 6.0;
constexpr double kMinPairBudget = 2e6;
constexpr size_t kNeighbourhood = 8;

double PairBudget(int32_t records) { return std::max(kMinPairBudget, kPairsPerRecord * records); }

// The largest block size (at most max_block) whose full comparison keeps
// the rule within budget, blocks above it costing kNeighbourhood per record.
template <typename Keyed>
int64_t BlockCap(const Keyed& keyed, int64_t max_block, double budget) {
  std::vector<int64_t> sizes;
  for (size_t lo = 0; lo < keyed.size();) {
    size_t hi = lo;
    while (hi < keyed.size() && keyed[hi].first == keyed[lo].first) ++hi;
    sizes.push_back(static_cast<int64_t>(hi - lo));
    lo = hi;
  }
  std::sort(sizes.begin(), sizes.end());
  double pairs = 0;
  for (size_t i = 0; i < sizes.size(); ++i) {
    double c = static_cast<double>(sizes[i]);
    double rest = static_cast<double>(sizes.size() - i) * c * kNeighbourhood;
    if (sizes[i] > max_block || pairs + c * (c - 1) / 2 + rest > budget) return std::max<int64_t>(1, i > 0 ? sizes[i - 1] : 1);
    pairs += c * (c - 1) / 2;
  }
  return max_block;
}

uint64_t PackPair(int32_t a, int32_t b) {
  return (static_cast<uint64_t>(a) << 32) | static_cast<uint32_t>(b);
}

std::vector<std::vector<double>> RandomPairLevelCounts(const Linker::State& s, uint64_t seed,
                                                       int64_t samples) {
  std::vector<std::vector<double>> counts;
  for (const Field& f : s.fields) counts.emplace_back(f.levels, 0.0);
  std::mt19937_64 rng(seed);
  std::vector<int> levels;
  const int32_t nl = s.n_left, nr = s.n - s.n_left;
  if (nl < 1 || (s.right == nullptr && nl < 2) || (s.right != nullptr && nr < 1)) return counts;
  std::uniform_int_distribution<int32_t> pick_left(0, nl - 1);
  std::uniform_int_distribution<int32_t> pick_right(nl, std::max(nl, s.n - 1));
  for (int64_t i = 0; i < samples; ++i) {
    int32_t a = pick_left(rng);
    int32_t b = s.right ? pick_right(rng) : pick_left(rng);
    if (a == b) continue;
    s.CompareRecords(std::min(a, b), std::max(a, b), levels);
    for (size_t f = 0; f < levels.size(); ++f) {
      if (levels[f] != kMissingLevel) counts[f][levels[f]] += 1;
    }
  }
  return counts;
}

// The prior as the fixed point of EM's lambda step over the whole
// population, with m and u held (u from random pairs, so the weights are
// population weights): expected matches = sum over candidates of the
// posterior, non-candidates counting as non-matches. EM's lambda among the
// candidates alone comes out low when many non-matching candidates share a
// name (its u among candidates absorbs the matches); this does not depend
// on it except as the starting point. The result stays within a sane range:
// at least one match per thousand records, at most two per record.
double PopulationPrior(const std::vector<PatternCount>& patterns, const std::vector<FieldParams>& params,
                       double start_matches, double possible, double records) {
  constexpr int kMaxIterations = 500;
  constexpr double kTolerance = 1e-4;  // matches
  constexpr double kMinPerRecord = 1e-3, kMaxPerRecord = 2.0;
  std::vector<double> weight(patterns.size(), 0.0);
  for (size_t p = 0; p < patterns.size(); ++p) {
    for (size_t f = 0; f < params.size(); ++f) weight[p] += params[f].Weight(patterns[p].levels[f]);
  }
  const double lo = std::max(1.0, kMinPerRecord * records), hi = std::max(lo, kMaxPerRecord * records);
  possible = std::max(possible, 1.0);
  double matches = std::clamp(start_matches, lo, hi);
  for (int it = 0; it < kMaxIterations; ++it) {
    double prior = LogOdds(matches / possible), next = 0;
    for (size_t p = 0; p < patterns.size(); ++p) next += patterns[p].count * ProbabilityFromWeight(prior + weight[p]);
    next = std::clamp(next, lo, hi);
    bool done = std::abs(next - matches) < kTolerance * std::max(1.0, matches);
    matches = next;
    if (done) break;
  }
  return LogOdds(matches / possible);
}

}  // namespace

Linker::Linker(std::unique_ptr<State> state) : s_(std::move(state)) {}
Linker::~Linker() = default;
int32_t Linker::records() const { return s_->n; }

base::Result<std::unique_ptr<Linker>> Linker::Create(const LinkConfig& config, const Table& left,
                                                     const Table* right) {
  VKA_RETURN_IF_ERROR(ValidateConfig(config, left));
  if (right != nullptr) VKA_RETURN_IF_ERROR(ValidateConfig(config, *right).WithContext("right"));
  auto s = std::make_unique<State>();
  s->config = config;
  s->left = &left;
  s->right = right;
  s->n_left = static_cast<int32_t>(left.rows.size());
  s->n = s->n_left + (right ? static_cast<int32_t>(right->rows.size()) : 0);
  VKA_ASSIGN_OR_RETURN(s->norm, NameNormalizer::Create());
  VKA_ASSIGN_OR_RETURN(Diminutives dims, Diminutives::Embedded(*s->norm));
  s->dims = std::move(dims);
  for (const FieldSpec& spec : config.fields) {
    Field f;
    f.spec = spec;
    f.levels = LevelCount(spec.kind);
    f.main = s->ColumnFor(spec.column, spec.kind);
    if (!spec.also_column.empty()) f.also = s->ColumnFor(spec.also_column, spec.kind);
    if (spec.term_frequency) {
      const Dictionary& d = *f.main->dict;
      f.value_share.assign(d.text.size(), 0.0);
      f.key_share.assign(d.keys.size(), 0.0);
      double present = 0;
      for (int32_t v : f.main->value) {
        if (v == kNone) continue;
        present += 1;
        f.value_share[v] += 1;
        if (d.key[v] != kNone) f.key_share[d.key[v]] += 1;
      }
      for (double& x : f.value_share) x /= std::max(present, 1.0);
      for (double& x : f.key_share) x /= std::max(present, 1.0);
    }
    s->fields.push_back(std::move(f));
  }
  for (size_t f = 0; f < config.fields.size(); ++f) {
    if (config.fields[f].kind != FieldKind::kName) continue;
    if (config.fields[f].column == config.swap_first) s->swap_a = static_cast<int>(f);
    if (config.fields[f].column == config.swap_second) s->swap_b = static_cast<int>(f);
  }
  if (s->swap_a < 0 || s->swap_b < 0) s->swap_a = s->swap_b = -1;
  return std::unique_ptr<Linker>(new Linker(std::move(s)));
}

std::vector<std::pair<int32_t, int32_t>> Linker::CandidatePairs(BlockingReport* report,
                                                                std::vector<uint32_t>* rule_masks) {
  State& s = *s_;
  std::vector<uint64_t> all;
  std::vector<std::vector<uint64_t>> by_rule;
  report->rules.clear();
  for (const BlockingRule& rule : s.config.blocking) {
    const size_t all_before = all.size();
    struct Part {
      Column* col;
      Column* col2;
      BlockTransform t;
    };
    std::vector<Part> parts;
    for (const BlockPart& p : rule.parts) {
      FieldKind kind = FieldKind::kExact;
      if (p.transform == BlockTransform::kKey || p.transform == BlockTransform::kSortedKeys) {
        kind = FieldKind::kName;
        for (const FieldSpec& f : s.config.fields) {
          if (f.column == p.column && f.kind == FieldKind::kPatronymic) kind = f.kind;
        }
      } else if (p.transform == BlockTransform::kYear) {
        kind = FieldKind::kDate;
      } else {
        for (const FieldSpec& f : s.config.fields) {
          if (f.column == p.column) kind = f.kind;
        }
      }
      Column* c2 = p.transform == BlockTransform::kSortedKeys ? s.ColumnFor(p.column2, kind) : nullptr;
      parts.push_back({s.ColumnFor(p.column, kind), c2, p.transform});
      Skeletons(*parts.back().col->dict);
      if (c2 != nullptr) Skeletons(*c2->dict);
    }
    std::vector<std::pair<uint64_t, int32_t>> keyed;
    keyed.reserve(s.n);
    for (int32_t r = 0; r < s.n; ++r) {
      uint64_t h = 0x51ed270b27a4f8c3ULL;
      bool ok = true;
      for (const Part& p : parts) {
        int32_t v = p.col->value[r];
        const Dictionary& d = *p.col->dict;
        uint64_t x = 0;
        switch (p.t) {
          case BlockTransform::kValue:
            if (v != kNone && d.date[v] && !d.date[v]->exact_day) v = kNone;
            x = static_cast<uint64_t>(static_cast<uint32_t>(v));
            break;
          case BlockTransform::kKey:
            v = v == kNone ? kNone : d.key[v];
            if (v != kNone) x = static_cast<uint32_t>(d.skeleton[v]);
            break;
          case BlockTransform::kYear:
            if (v != kNone && d.date[v] && d.date[v]->year_lo == d.date[v]->year_hi) {
              x = static_cast<uint64_t>(d.date[v]->year_lo);
            } else {
              v = kNone;
            }
            break;
          case BlockTransform::kInitial:
            if (v != kNone) x = static_cast<unsigned char>(d.text[v][0]);
            break;
          case BlockTransform::kSortedKeys: {
            int32_t v2 = p.col2->value[r];
            int32_t k1 = v == kNone ? kNone : d.key[v];
            int32_t k2 = v2 == kNone ? kNone : p.col2->dict->key[v2];
            if (k1 == kNone || k2 == kNone) {
              v = kNone;
              break;
            }
            k1 = d.skeleton[k1];
            k2 = p.col2->dict->skeleton[k2];
            x = (static_cast<uint64_t>(std::min(k1, k2)) << 32) | static_cast<uint32_t>(std::max(k1, k2));
            break;
          }
        }
        if (v == kNone) {
          ok = false;
          break;
        }
        h = Mix(h, x);
      }
      if (ok) keyed.emplace_back(h, r);
    }
    std::sort(keyed.begin(), keyed.end());
    BlockingReport::Rule stats{rule.Describe(), 0, 0};
    const int64_t cap = BlockCap(keyed, s.config.max_block_size, PairBudget(s.n));
    auto emit = [&](int32_t a, int32_t b) {
      if (s.right && ((a < s.n_left) == (b < s.n_left))) return;
      all.push_back(PackPair(std::min(a, b), std::max(a, b)));
      ++stats.pairs;
    };
    for (size_t lo = 0; lo < keyed.size();) {
      size_t hi = lo;
      while (hi < keyed.size() && keyed[hi].first == keyed[lo].first) ++hi;
      if (static_cast<int64_t>(hi - lo) > cap) {
        // Too big to compare all pairs: sorted neighbourhood inside the
        // block, ordered by the secondary key (birth date), so that the
        // records most alike on it are still compared.
        ++stats.skipped_blocks;
        std::sort(keyed.begin() + static_cast<std::ptrdiff_t>(lo), keyed.begin() + static_cast<std::ptrdiff_t>(hi),
                  [&](const auto& x, const auto& y) { return s.SecondaryLess(x.second, y.second); });
        for (size_t i = lo; i < hi; ++i) {
          for (size_t j = i + 1; j < std::min(hi, i + 1 + kNeighbourhood); ++j) emit(keyed[i].second, keyed[j].second);
        }
      } else {
        for (size_t i = lo; i < hi; ++i) {
          for (size_t j = i + 1; j < hi; ++j) emit(keyed[i].second, keyed[j].second);
        }
      }
      lo = hi;
    }
    report->rules.push_back(stats);
    if (rule_masks != nullptr && by_rule.size() < kMaxMaskedRules) {
      by_rule.emplace_back(all.begin() + static_cast<std::ptrdiff_t>(all_before), all.end());
      std::sort(by_rule.back().begin(), by_rule.back().end());
    }
  }
  std::sort(all.begin(), all.end());
  all.erase(std::unique(all.begin(), all.end()), all.end());
  if (rule_masks != nullptr) {
    rule_masks->assign(all.size(), 0);
    for (size_t r = 0; r < by_rule.size(); ++r) {
      size_t k = 0;
      for (uint64_t p : by_rule[r]) {
        while (all[k] < p) ++k;
        (*rule_masks)[k] |= uint32_t{1} << r;
      }
    }
  }
  report->candidate_pairs = static_cast<int64_t>(all.size());
  report->possible_pairs = s.PossiblePairs();
  std::vector<std::pair<int32_t, int32_t>> pairs;
  pairs.reserve(all.size());
  for (uint64_t p : all) pairs.emplace_back(static_cast<int32_t>(p >> 32), static_cast<int32_t>(p & 0xffffffffu));
  return pairs;
}

// The comparison pattern of every candidate pair, counted.
struct Linker::CandidatePatterns {
  std::vector<PatternCount> patterns;
  std::vector<uint32_t> pattern_of_pair;
  std::vector<uint8_t> swapped_of_pair;
};

namespace {

Linker::CandidatePatterns BuildPatterns(const Linker::State& s, const std::vector<std::pair<int32_t, int32_t>>& pairs,
                                const ProgressFn& progress) {
  Linker::CandidatePatterns out;
  const size_t nf = s.fields.size();
  std::vector<int> radix;
  for (const Field& f : s.fields) radix.push_back(f.levels + 1);
  std::unordered_map<uint64_t, uint32_t> pattern_index;
  out.pattern_of_pair.resize(pairs.size());
  out.swapped_of_pair.resize(pairs.size());
  std::vector<int> levels;
  for (size_t i = 0; i < pairs.size(); ++i) {
    out.swapped_of_pair[i] = s.CompareRecords(pairs[i].first, pairs[i].second, levels);
    uint64_t code = 0;
    for (size_t f = 0; f < nf; ++f) code = code * radix[f] + static_cast<uint64_t>(levels[f] + 1);
    auto [it, added] = pattern_index.emplace(code, static_cast<uint32_t>(out.patterns.size()));
    if (added) out.patterns.push_back({levels, 0});
    out.patterns[it->second].count += 1;
    out.pattern_of_pair[i] = it->second;
    if (progress && i % kProgressStep == 0) progress(i, pairs.size());
  }
  return out;
}

// Learns which values of small-vocabulary exact/string fields name the same
// thing in different languages or scripts ("Old Town", "Старый город",
// "Հին քաղաք"), from confident matches only: two values are merged when
// each is the other's most frequent differing partner among pairs that are
// matches without that field's evidence, with enough support. No labels.
// Returns true when some value was merged (the column's ids are rewritten).
bool LearnEquivalentValues(Linker::State& s, const std::vector<ScoredPair>& accepted,
                           const std::function<double(int32_t, int32_t, size_t, int*, int*)>& evidence) {
  constexpr size_t kMaxVocabulary = 2000;
  constexpr double kConfidentBits = 10.0;  // weight without the field
  constexpr double kMinSupport = 5;
  constexpr double kMinShare = 0.25;       // of each value's differing partners
  bool merged_any = false;
  for (size_t f = 0; f < s.fields.size(); ++f) {
    Field& field = s.fields[f];
    FieldKind kind = field.spec.kind;
    if (kind != FieldKind::kExact && kind != FieldKind::kString) continue;
    Dictionary& d = *field.main->dict;
    if (d.text.size() < 2 || d.text.size() > kMaxVocabulary) continue;
    std::map<std::pair<int32_t, int32_t>, double> co;
    std::vector<double> total(d.text.size(), 0.0);
    for (const ScoredPair& p : accepted) {
      int va = 0, vb = 0;
      if (evidence(p.a, p.b, f, &va, &vb) < kConfidentBits) continue;
      if (va == kNone || vb == kNone || va == vb) continue;
      co[{std::min(va, vb), std::max(va, vb)}] += 1;
      total[va] += 1;
      total[vb] += 1;
    }
    std::vector<int32_t> root(d.text.size());
    for (size_t v = 0; v < root.size(); ++v) root[v] = static_cast<int32_t>(v);
    auto find = [&](int32_t x) {
      while (root[x] != x) x = root[x] = root[root[x]];
      return x;
    };
    bool merged = false;
    for (const auto& [vv, count] : co) {
      if (count < kMinSupport || count < kMinShare * total[vv.first] || count < kMinShare * total[vv.second]) continue;
      int32_t ra = find(vv.first), rb = find(vv.second);
      if (ra != rb) root[std::max(ra, rb)] = std::min(ra, rb), merged = true;
    }
    if (!merged) continue;
    merged_any = true;

    for (Column* c : {field.main, field.also}) {
      if (c == nullptr) continue;
      for (int32_t& v : c->value) {
        if (v != kNone) v = find(v);
      }
    }
  }
  return merged_any;
}

}  // namespace

base::Status Linker::Fit(const CandidatePatterns& cp, const std::vector<uint32_t>& rule_masks,
                         size_t candidates, LinkResult* result) {
  State& s = *s_;
  const auto& patterns = cp.patterns;
  const size_t nf = s.fields.size();
  // u from random pairs; m by EM sessions; the prior by PopulationPrior.
  std::vector<std::vector<double>> u_counts = RandomPairLevelCounts(s, s.config.seed, s.config.random_pairs);
  std::vector<std::vector<double>> u;
  std::vector<int> level_counts;
  for (size_t f = 0; f < nf; ++f) {
    u.push_back(SmoothedShares(u_counts[f]));
    level_counts.push_back(s.fields[f].levels);
  }
  if (patterns.empty()) return base::FailedPreconditionError("blocking produced no candidate pairs");
  VKA_ASSIGN_OR_RETURN(EmResult em, EstimateModel(patterns, cp.pattern_of_pair, rule_masks, level_counts, u));
  s.params.clear();
  for (size_t f = 0; f < nf; ++f) {
    s.params.push_back({s.fields[f].spec.column, LevelNames(s.fields[f].spec.kind), em.m[f], u[f]});
  }
  s.prior_weight = PopulationPrior(patterns, s.params, em.lambda * static_cast<double>(candidates),
                                   s.PossiblePairs(), static_cast<double>(s.n));
  s.fitted = true;
  result->params = s.params;
  result->candidate_match_share = em.lambda;
  result->prior_weight = s.prior_weight;
  result->em_iterations = em.iterations;
  result->em_converged = em.converged;
  return base::OkStatus();
}

std::vector<ScoredPair> Linker::Score(const CandidatePatterns& cp,
                                      const std::vector<std::pair<int32_t, int32_t>>& pairs) const {
  const State& s = *s_;
  const size_t nf = s.fields.size();
  std::vector<double> pattern_weight(cp.patterns.size(), s.prior_weight);
  for (size_t p = 0; p < cp.patterns.size(); ++p) {
    for (size_t f = 0; f < nf; ++f) pattern_weight[p] += s.params[f].Weight(cp.patterns[p].levels[f]);
  }
  std::vector<ScoredPair> accepted;
  const double threshold_weight = LogOdds(s.config.threshold);
  for (size_t i = 0; i < pairs.size(); ++i) {
    const PatternCount& p = cp.patterns[cp.pattern_of_pair[i]];
    double w = pattern_weight[cp.pattern_of_pair[i]];
    for (size_t f = 0; f < nf; ++f) {
      if (cp.swapped_of_pair[i] && (static_cast<int>(f) == s.swap_a || static_cast<int>(f) == s.swap_b)) continue;
      w += s.TfAdjustment(f, p.levels[f], pairs[i].first);
    }
    if (w >= threshold_weight) accepted.push_back({pairs[i].first, pairs[i].second, w, ProbabilityFromWeight(w)});
  }
  std::stable_sort(accepted.begin(), accepted.end(),
                   [](const ScoredPair& l, const ScoredPair& r) { return l.weight > r.weight; });
  return accepted;
}

base::Result<LinkResult> Linker::Run(const ProgressFn& progress, bool one_to_one) {
  State& s = *s_;
  LinkResult result;
  std::vector<uint32_t> rule_masks;
  std::vector<std::pair<int32_t, int32_t>> pairs = CandidatePairs(&result.blocking, &rule_masks);
  Linker::CandidatePatterns cp = BuildPatterns(s, pairs, progress);
  VKA_RETURN_IF_ERROR(Fit(cp, rule_masks, pairs.size(), &result));
  result.accepted = Score(cp, pairs);
  // Second pass when confident matches reveal equivalent values.
  auto evidence = [this](int32_t a, int32_t b, size_t f, int* va, int* vb) {
    const State& st = *s_;
    *va = st.fields[f].main->value[a];
    *vb = st.fields[f].main->value[b];
    std::vector<int> levels;
    st.CompareRecords(a, b, levels);
    return Weight(a, b) - st.params[f].Weight(levels[f]);
  };
  // Each pass can reveal more (values merged in one pass pool their
  // partners in the next).
  constexpr int kMaxEquivalencePasses = 3;
  for (int pass = 0; pass < kMaxEquivalencePasses && LearnEquivalentValues(s, result.accepted, evidence); ++pass) {
    cp = BuildPatterns(s, pairs, progress);
    VKA_RETURN_IF_ERROR(Fit(cp, rule_masks, pairs.size(), &result));
    result.accepted = Score(cp, pairs);
  }
  if (progress) progress(pairs.size(), pairs.size());
  if (s.right != nullptr) {
    if (one_to_one) {
      std::vector<uint8_t> used(s.n, 0);
      std::vector<ScoredPair> kept;
      for (const ScoredPair& p : result.accepted) {
        if (used[p.a] || used[p.b]) continue;
        used[p.a] = used[p.b] = 1;
        kept.push_back(p);
      }
      result.accepted = std::move(kept);
    }
    return result;
  }
  std::vector<Edge> edges;
  for (const ScoredPair& p : result.accepted) edges.push_back({p.a, p.b, p.weight});
  ClusterOptions options;
  options.min_mean_weight = s.config.cluster_min_mean_weight;
  result.cluster = ClusterRecords(s.n, std::move(edges),
                                  [this](int32_t a, int32_t b) { return Weight(a, b); }, options);
  return result;
}

// Splink's training scheme on fastLink's pattern counts: one EM session per
// blocking rule, each leaving out the fields the rule blocked on, gives m
// for the other fields (averaged over sessions); then, with m fixed, EM on
// all candidates gives the match share (and so the prior). Without this,
// EM on lists where many different people share a name takes "same name"
// for "same person".
base::Result<EmResult> Linker::EstimateModel(const std::vector<PatternCount>& patterns,
                                             const std::vector<uint32_t>& pattern_of_pair,
                                             const std::vector<uint32_t>& rule_masks,
                                             const std::vector<int>& level_counts,
                                             const std::vector<std::vector<double>>& u) const {
  const State& s = *s_;
  const size_t nf = s.fields.size();
  EmOptions options;
  options.max_iterations = s.config.max_em_iterations;
  VKA_ASSIGN_OR_RETURN(EmResult all, EstimateEm(patterns, level_counts, u, options));
  std::vector<std::vector<double>> m_sum(nf);
  std::vector<double> sessions(nf, 0);
  for (size_t f = 0; f < nf; ++f) m_sum[f].assign(level_counts[f], 0.0);
  const size_t rules = std::min(s.config.blocking.size(), kMaxMaskedRules);
  for (size_t r = 0; r < rules; ++r) {
    std::vector<PatternCount> counts(patterns.size());
    double total = 0;
    for (size_t p = 0; p < patterns.size(); ++p) counts[p].levels = patterns[p].levels;
    for (size_t i = 0; i < pattern_of_pair.size(); ++i) {
      if (rule_masks[i] & (uint32_t{1} << r)) counts[pattern_of_pair[i]].count += 1, total += 1;
    }
    if (total < kMinSessionPairs) continue;
    std::erase_if(counts, [](const PatternCount& c) { return c.count == 0; });
    EmOptions session = options;
    session.active.assign(nf, true);
    for (const BlockPart& part : s.config.blocking[r].parts) {
      for (size_t f = 0; f < nf; ++f) {
        const FieldSpec& spec = s.fields[f].spec;
        for (const std::string& col : {part.column, part.column2}) {
          if (!col.empty() && (spec.column == col || spec.also_column == col)) session.active[f] = false;
        }
      }
    }
    base::Result<EmResult> em = EstimateEm(counts, level_counts, u, session);
    if (!em.ok() || em->lambda < kMinSessionShare || em->lambda > 1 - kMinSessionShare) continue;
    for (size_t f = 0; f < nf; ++f) {
      if (!session.active[f]) continue;
      for (int l = 0; l < level_counts[f]; ++l) m_sum[f][l] += em->m[f][l];
      sessions[f] += 1;
    }
  }
  EmOptions final_options = options;
  final_options.fixed_m = all.m;
  for (size_t f = 0; f < nf; ++f) {
    if (sessions[f] == 0) continue;
    for (int l = 0; l < level_counts[f]; ++l) final_options.fixed_m[f][l] = m_sum[f][l] / sessions[f];
  }
  return EstimateEm(patterns, level_counts, u, final_options);
}

double Linker::Weight(int32_t a, int32_t b) const {
  std::vector<int> levels;
  return s_->PairWeight(a, b, levels);
}

PairExplanation Linker::Explain(int32_t a, int32_t b) const {
  const State& s = *s_;
  PairExplanation e;
  std::vector<int> levels;
  e.swapped = s.CompareRecords(a, b, levels);
  e.prior_weight = s.prior_weight;
  e.weight = s.prior_weight;
  for (size_t f = 0; f < s.fields.size(); ++f) {
    FieldExplanation fe;
    fe.field = s.fields[f].spec.column;
    fe.level = levels[f] == kMissingLevel ? "missing" : s.params[f].level_names[levels[f]];
    fe.weight = s.params[f].Weight(levels[f]);
    bool swapped_field = e.swapped && (static_cast<int>(f) == s.swap_a || static_cast<int>(f) == s.swap_b);
    fe.tf_weight = swapped_field ? 0.0 : s.TfAdjustment(f, levels[f], a);
    e.weight += fe.weight + fe.tf_weight;
    e.fields.push_back(std::move(fe));
  }
  e.probability = ProbabilityFromWeight(e.weight);
  return e;
}

std::string PairExplanation::ToString() const {
  std::string out;
  char buf[256];
  std::snprintf(buf, sizeof buf, "prior %+.2f bits%s\n", prior_weight, swapped ? " (names swapped)" : "");
  out += buf;
  for (const FieldExplanation& f : fields) {
    std::snprintf(buf, sizeof buf, "  %-16s %-28s %+6.2f", f.field.c_str(), f.level.c_str(), f.weight);
    out += buf;
    if (f.tf_weight != 0) {
      std::snprintf(buf, sizeof buf, " (term frequency %+.2f)", f.tf_weight);
      out += buf;
    }
    out += "\n";
  }
  std::snprintf(buf, sizeof buf, "total %+.2f bits, match probability %.4f\n", weight, probability);
  out += buf;
  return out;
}

}  // namespace vka::linkage
