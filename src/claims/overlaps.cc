#include "claims/overlaps.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>

#include "base/sha256.h"
#include "claims/internal/union_find.h"
#include "linkage/comparators.h"
#include "linkage/names.h"

namespace vka::claims {
namespace {

using internal::UnionFind;

// Above this, a block is searched by sorted neighbourhood on the birth date.
constexpr size_t kMaxFullBlock = 64;
constexpr size_t kNeighbourWindow = 8;
// Jaro-Winkler floor for names that already share their phonetic keys.
constexpr double kNameAgreement = 0.85;
// Explanations quote at most this many reasons.
constexpr size_t kMaxReasons = 3;

// A person prepared for comparison.
struct Prepared {
  std::string family, given, patronymic_key;  // Latin
  std::string block;                          // phonetic family | canonical given
  std::optional<linkage::DateValue> birth;
};

class NameTable {
 public:
  NameTable(const linkage::NameNormalizer& norm, const linkage::Diminutives& dim)
      : norm_(norm), dim_(dim) {}
  const std::string& Latin(const std::string& raw) {
    auto [it, inserted] = latin_.try_emplace(raw);
    if (inserted) it->second = norm_.ToLatin(raw);
    return it->second;
  }
  Prepared Prepare(const PersonNames& p) {
    Prepared out;
    if (!p.family.empty()) out.family = Latin(p.family[0]);
    if (!p.given.empty()) out.given = Latin(p.given[0]);
    if (!p.patronymic.empty()) out.patronymic_key = linkage::PatronymicKey(Latin(p.patronymic[0]));
    out.block = linkage::PhoneticKey(out.family) + "|" + dim_.Canonical(linkage::PhoneticKey(out.given));
    out.birth = linkage::ParseDateValue(p.birth);
    return out;
  }

 private:
  const linkage::NameNormalizer& norm_;
  const linkage::Diminutives& dim_;
  std::unordered_map<std::string, std::string> latin_;
};

// Spelling agreement for records born on the same exact day (the second
// blocking pass): catches pairs whose phonetic keys differ (Hambardzumyan ~
// Ambartsumyan, Hripsime ~ Ripsime) at a higher Jaro-Winkler floor.
constexpr double kSameDayNameAgreement = 0.8;

std::string CompareSameDay(const Prepared& a, const Prepared& b) {
  if (!a.birth || !b.birth || !a.birth->exact_day || a.birth->digits != b.birth->digits) return "";
  if (a.patronymic_key != b.patronymic_key) return "";  // both empty, or equal
  double family = linkage::JaroWinkler(a.family, b.family);
  double given = linkage::JaroWinkler(a.given, b.given);
  if (family < kSameDayNameAgreement || given < kSameDayNameAgreement) return "";
  char buf[160];
  std::snprintf(buf, sizeof buf, "born the same day, names spelled alike (Jaro-Winkler family %.2f, given %.2f)%s",
                family, given, a.patronymic_key.empty() ? "" : ", patronymics agree");
  return buf;
}

// Why two person records were judged the same person, or "" if they are not.
std::string CompareNames(const Prepared& a, const Prepared& b) {
  if (a.family.empty() || a.given.empty() || b.family.empty() || b.given.empty()) return "";
  if (a.block != b.block) return CompareSameDay(a, b);
  double family = linkage::JaroWinkler(a.family, b.family);
  double given = linkage::JaroWinkler(a.given, b.given);
  // Within a block the phonetic keys of both names agree, which absorbs the
  // usual Armenian/Russian pairs (Hovhannisyan ~ Oganesyan) that Jaro-Winkler
  // scores low; outside one, the spellings must be close.
  bool same_keys = a.block == b.block;
  if (!same_keys && (family < kNameAgreement || given < kNameAgreement)) return "";
  bool both_patronymics = !a.patronymic_key.empty() && !b.patronymic_key.empty();
  if (both_patronymics && a.patronymic_key != b.patronymic_key) return "";
  std::string birth;
  using linkage::DateLevel;
  if (a.birth && b.birth) {
    DateLevel level = linkage::CompareDates(*a.birth, *b.birth);
    bool same_day = level == DateLevel::kExactDay || level == DateLevel::kTypo;
    // Two exact days must agree (or differ by a typo); a date known only to
    // the year or a year off needs the patronymics as well.
    bool compatible = level == DateLevel::kSameYear || level == DateLevel::kYearOff1 || level == DateLevel::kOverlap;
    bool exact_both = a.birth->exact_day && b.birth->exact_day;
    if (!same_day && (exact_both || !compatible || !both_patronymics)) return "";
    birth = same_day ? "birth dates agree" : "birth years agree and patronymics agree";
  } else if (!both_patronymics) {
    return "";  // a common name alone is not enough
  } else {
    birth = "patronymics agree";
  }
  char buf[160];
  std::snprintf(buf, sizeof buf, "names agree across scripts (phonetic keys %s; Jaro-Winkler family %.2f, given %.2f), ",
                same_keys ? "equal" : "differ", family, given);
  return buf + birth;
}

struct PersonClusters {
  std::unordered_map<std::string, int32_t> index;
  std::vector<std::string> ids;
  UnionFind sets{0};
  std::map<std::pair<int32_t, int32_t>, std::string> reasons;  // (a, b) a<b -> why

  int32_t known = 0;  // ids[0..known) are the input's persons, in `sets`

  // The cluster of a person record; a record not in the input is a
  // singleton, numbered -1 - its index.
  int32_t Root(const std::string& id) {
    auto it = index.find(id);
    if (it == index.end()) {
      it = index.emplace(id, static_cast<int32_t>(ids.size())).first;
      ids.push_back(id);
    }
    return it->second < known ? sets.Find(it->second) : -1 - it->second;
  }

  // The reasons that joined each cluster, at most kMaxReasons each.
  std::unordered_map<int32_t, std::vector<std::string>> ReasonsByRoot() {
    std::unordered_map<int32_t, std::vector<std::string>> out;
    for (const auto& [pair, why] : reasons) {
      auto& list = out[sets.Find(pair.first)];
      if (list.size() < kMaxReasons) list.push_back(why);
    }
    return out;
  }
};

void ComparePair(PersonClusters& pc, const std::vector<Prepared>& prepared,
                 const std::set<std::pair<int32_t, int32_t>>& different, int32_t a, int32_t b,
                 OverlapStats& stats) {
  if (a > b) std::swap(a, b);
  ++stats.name_pairs_compared;
  if (different.contains({a, b})) return;
  std::string why = CompareNames(prepared[a], prepared[b]);
  if (why.empty()) return;
  ++stats.person_matches;
  if (pc.sets.Union(a, b)) pc.reasons[{a, b}] = pc.ids[a] + " ~ " + pc.ids[b] + ": " + why;
}

void CompareBlock(PersonClusters& pc, const std::vector<Prepared>& prepared,
                  const std::set<std::pair<int32_t, int32_t>>& different, std::vector<int32_t>& block,
                  OverlapStats& stats) {
  if (block.size() <= kMaxFullBlock) {
    for (size_t i = 0; i < block.size(); ++i) {
      for (size_t j = i + 1; j < block.size(); ++j) ComparePair(pc, prepared, different, block[i], block[j], stats);
    }
    return;
  }
  auto earliest = [&](int32_t x) { return prepared[x].birth ? prepared[x].birth->earliest : INT64_MIN; };
  std::sort(block.begin(), block.end(), [&](int32_t x, int32_t y) { return earliest(x) < earliest(y); });
  for (size_t i = 0; i < block.size(); ++i) {
    for (size_t j = i + 1; j < block.size() && j <= i + kNeighbourWindow; ++j) {
      ComparePair(pc, prepared, different, block[i], block[j], stats);
    }
  }
}

// Tells progress every this many blocks compared or claims grouped.
constexpr uint64_t kProgressEvery = 10000;

base::Result<PersonClusters> ClusterPersons(const OverlapInput& input, OverlapStats& stats,
                                            const OverlapProgress& progress) {
  PersonClusters pc;
  for (const auto& p : input.persons) {
    if (pc.index.emplace(p.id, static_cast<int32_t>(pc.ids.size())).second) pc.ids.push_back(p.id);
  }
  pc.known = static_cast<int32_t>(pc.ids.size());
  pc.sets = UnionFind(pc.ids.size());
  std::set<std::pair<int32_t, int32_t>> different;
  for (const auto& link : input.links) {
    auto a = pc.index.find(link.a), b = pc.index.find(link.b);
    if (a == pc.index.end() || b == pc.index.end()) continue;
    auto key = std::minmax(a->second, b->second);
    if (!link.same) {
      different.insert(key);
    } else if (pc.sets.Union(key.first, key.second)) {
      pc.reasons[key] = link.a + " ~ " + link.b + ": a reviewer linked them as the same person";
    }
  }
  VKA_ASSIGN_OR_RETURN(auto norm, linkage::NameNormalizer::Create());
  VKA_ASSIGN_OR_RETURN(auto dim, linkage::Diminutives::Embedded(*norm));
  NameTable names(*norm, dim);
  std::vector<Prepared> prepared;
  prepared.reserve(input.persons.size());
  std::unordered_map<std::string, std::vector<int32_t>> blocks;
  for (const auto& p : input.persons) {
    int32_t idx = pc.index[p.id];
    if (static_cast<size_t>(idx) != prepared.size()) continue;  // duplicate record in input
    prepared.push_back(names.Prepare(p));
    if (prepared.back().block != "|") blocks[prepared.back().block].push_back(idx);
    if (progress && prepared.size() % kProgressEvery == 0) {
      progress("prepare person names", prepared.size(), input.persons.size());
    }
  }
  if (progress) progress("prepare person names", prepared.size(), prepared.size());
  // Second pass: records born on the same exact day.
  std::unordered_map<uint32_t, std::vector<int32_t>> by_day;
  for (size_t idx = 0; idx < prepared.size(); ++idx) {
    if (prepared[idx].birth && prepared[idx].birth->exact_day) by_day[prepared[idx].birth->digits].push_back(static_cast<int32_t>(idx));
  }
  const uint64_t total = blocks.size() + by_day.size();
  uint64_t done = 0;
  auto compare = [&](std::vector<int32_t>& block) {
    CompareBlock(pc, prepared, different, block, stats);
    if (progress && ++done % kProgressEvery == 0) progress("compare persons (blocks)", done, total);
  };
  for (auto& [key, block] : blocks) compare(block);
  for (auto& [day, block] : by_day) compare(block);
  if (progress) progress("compare persons (blocks)", total, total);
  stats.persons = static_cast<int64_t>(pc.ids.size());
  return pc;
}

std::string NormalizeReference(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string NormalizeAddress(const std::string& text) {
  std::string out;
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || u >= 0x80) out += static_cast<char>(std::tolower(u));
    else if (!out.empty() && out.back() != ' ') out += ' ';
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// Property id -> the id of its cluster's representative, with reasons.
struct PropertyClusters {
  std::unordered_map<std::string, std::string> root;
  std::unordered_map<std::string, std::string> reason;  // by representative
  const std::string& Of(const std::string& id) const {
    auto it = root.find(id);
    return it == root.end() ? id : it->second;
  }
};

PropertyClusters ClusterProperties(const std::vector<PropertyFacts>& properties) {
  UnionFind sets(properties.size());
  std::unordered_map<std::string, int32_t> by_key;
  std::vector<std::string> why(properties.size());
  for (size_t idx = 0; idx < properties.size(); ++idx) {
    const auto& p = properties[idx];
    std::string reg = NormalizeReference(p.registry_reference);
    std::string addr = NormalizeAddress(p.address);
    for (auto [key, label] : {std::pair{reg.empty() ? "" : "reg:" + reg, "the same registry reference"},
                              std::pair{addr.empty() ? "" : "addr:" + p.place + "|" + addr,
                                        "the same address in the same place"}}) {
      if (key.empty()) continue;
      auto [it, inserted] = by_key.emplace(key, static_cast<int32_t>(idx));
      if (!inserted && sets.Union(it->second, static_cast<int32_t>(idx))) {
        why[idx] = properties[it->second].id + " and " + p.id + " have " + label;
      }
    }
  }
  PropertyClusters pc;
  for (size_t idx = 0; idx < properties.size(); ++idx) {
    const std::string& rep = properties[sets.Find(static_cast<int32_t>(idx))].id;
    pc.root[properties[idx].id] = rep;
    if (!why[idx].empty()) {
      std::string& r = pc.reason[rep];
      r += (r.empty() ? "" : "; ") + why[idx];
    }
  }
  return pc;
}

struct Group {
  std::vector<int32_t> claims;
  std::set<int32_t> claimant_roots;
};

std::string JoinIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

}  // namespace

std::string OverlapFlagId(const std::string& type, const std::string& key,
                          std::vector<std::string> claims) {
  std::sort(claims.begin(), claims.end());
  base::Sha256 h;
  h.Update(type + "\n" + key + "\n");
  for (const auto& c : claims) h.Update(c + "\n");
  return "ovl_" + base::HexLower(h.Finish()).substr(0, 16);
}

std::vector<std::string> FlaggedPairs(const std::vector<OverlapFlag>& flags, const std::string& type) {
  std::set<std::string> pairs;
  for (const auto& f : flags) {
    if (f.type != type) continue;
    for (size_t i = 0; i < f.claims.size(); ++i) {
      for (size_t j = i + 1; j < f.claims.size(); ++j) pairs.insert(f.claims[i] + "|" + f.claims[j]);
    }
  }
  return {pairs.begin(), pairs.end()};
}

namespace {

class Detector {
 public:
  Detector(const OverlapInput& input, PersonClusters& persons, PropertyClusters properties,
           const OverlapProgress& progress)
      : in_(input), persons_(persons), properties_(std::move(properties)), progress_(progress) {}

  std::vector<OverlapFlag> Run();

 private:
  void Index(int32_t claim_idx);
  void Emit(const std::string& type, const std::string& key, const std::vector<int32_t>& claims,
            std::string explanation);
  std::string ClaimantExplanation(int32_t root, const Group& g);

  const OverlapInput& in_;
  PersonClusters& persons_;
  PropertyClusters properties_;
  const OverlapProgress& progress_;
  std::unordered_map<std::string, std::vector<std::string>> harm_victims_;
  std::map<int32_t, Group> by_claimant_;
  std::map<std::pair<int32_t, std::string>, Group> by_claimant_harm_;
  std::map<std::string, Group> by_property_;
  std::map<int32_t, Group> by_victim_;
  std::unordered_map<int32_t, std::vector<std::string>> reasons_;
  std::vector<OverlapFlag> flags_;
};

void AddTo(Group& g, int32_t claim, int32_t claimant_root) {
  if (g.claims.empty() || g.claims.back() != claim) g.claims.push_back(claim);
  g.claimant_roots.insert(claimant_root);
}

void Detector::Index(int32_t claim_idx) {
  const ClaimFacts& c = in_.claims[claim_idx];
  std::vector<std::string> claimants = c.Claimants();
  if (claimants.empty()) return;
  int32_t root = persons_.Root(claimants[0]);  // a household by its first member
  AddTo(by_claimant_[root], claim_idx, root);
  std::set<std::string> harms, props;
  std::set<int32_t> victims;
  for (const auto& h : c.harms) {
    if (h.starts_with("prp_")) {
      props.insert(properties_.Of(h));
    } else {
      harms.insert(h);
      auto it = harm_victims_.find(h);
      if (it != harm_victims_.end()) {
        for (const auto& v : it->second) victims.insert(persons_.Root(v));
      }
    }
  }
  for (const auto& a : c.amounts) {
    if (!a.property.empty()) props.insert(properties_.Of(a.property));
  }
  for (const auto& v : c.victims) victims.insert(persons_.Root(v));
  for (const auto& b : c.beneficiaries) {
    if (!b.victim.empty()) victims.insert(persons_.Root(b.victim));
  }
  for (const auto& h : harms) AddTo(by_claimant_harm_[{root, h}], claim_idx, root);
  for (const auto& p : props) {
    AddTo(by_claimant_harm_[{root, p}], claim_idx, root);
    AddTo(by_property_[p], claim_idx, root);
  }
  for (int32_t v : victims) AddTo(by_victim_[v], claim_idx, root);
}

void Detector::Emit(const std::string& type, const std::string& key, const std::vector<int32_t>& claims,
                    std::string explanation) {
  OverlapFlag f;
  f.type = type;
  f.key = key;
  for (int32_t c : claims) f.claims.push_back(in_.claims[c].id);
  std::sort(f.claims.begin(), f.claims.end());
  f.claims.erase(std::unique(f.claims.begin(), f.claims.end()), f.claims.end());
  if (f.claims.size() < 2) return;
  f.id = OverlapFlagId(type, key, f.claims);
  f.explanation = std::move(explanation);
  flags_.push_back(std::move(f));
}

std::string Detector::ClaimantExplanation(int32_t root, const Group& g) {
  std::set<std::string> records;
  for (int32_t c : g.claims) {
    for (const auto& p : in_.claims[c].Claimants()) {
      if (persons_.Root(p) == root) records.insert(p);
    }
  }
  std::string reasons;
  if (auto it = reasons_.find(root); it != reasons_.end()) {
    for (const auto& why : it->second) reasons += (reasons.empty() ? "" : "; ") + why;
  }
  std::string out = std::to_string(g.claims.size()) + " claims by " +
                    (records.size() == 1 ? "the same person record " + *records.begin()
                                         : "person records judged the same person (" +
                                               JoinIds({records.begin(), records.end()}) + ")");
  return reasons.empty() ? out : out + ": " + reasons;
}

std::vector<OverlapFlag> Detector::Run() {
  reasons_ = persons_.ReasonsByRoot();
  for (const auto& h : in_.harms) harm_victims_[h.id] = h.victims;
  const auto total = static_cast<uint64_t>(in_.claims.size());
  for (int32_t idx = 0; idx < static_cast<int32_t>(in_.claims.size()); ++idx) {
    Index(idx);
    if (progress_ && (idx + 1) % kProgressEvery == 0) progress_("group claims", idx + 1, total);
  }
  if (progress_) progress_("group claims", total, total);
  auto person_key = [this](int32_t root) {
    return root >= 0 ? persons_.ids[root] : persons_.ids[-1 - root];
  };
  for (const auto& [root, g] : by_claimant_) {
    if (g.claims.size() >= 2) Emit("same_claimant", person_key(root), g.claims, ClaimantExplanation(root, g));
  }
  for (const auto& [key, g] : by_claimant_harm_) {
    if (g.claims.size() < 2) continue;
    Emit("double_harm", key.second, g.claims,
         key.second + " is claimed in " + std::to_string(g.claims.size()) + " claims by the same claimant (" +
             person_key(key.first) + ")" +
             (properties_.reason.contains(key.second) ? "; " + properties_.reason.at(key.second) : ""));
  }
  for (const auto& [prop, g] : by_property_) {
    if (g.claimant_roots.size() < 2) continue;
    std::string why = std::to_string(g.claimant_roots.size()) + " different claimants claim property " + prop;
    if (auto it = properties_.reason.find(prop); it != properties_.reason.end()) why += " (" + it->second + ")";
    Emit("shared_property", prop, g.claims, why);
  }
  for (const auto& [victim, g] : by_victim_) {
    if (g.claimant_roots.size() < 2) continue;
    Emit("shared_victim", person_key(victim), g.claims,
         std::to_string(g.claimant_roots.size()) + " different claimants claim for victim " + person_key(victim) +
             " (heirs claiming separately?)");
  }
  std::sort(flags_.begin(), flags_.end(), [](const OverlapFlag& a, const OverlapFlag& b) {
    return std::tie(a.type, a.claims.front(), a.id) < std::tie(b.type, b.claims.front(), b.id);
  });
  return std::move(flags_);
}

}  // namespace

base::Result<std::vector<OverlapFlag>> DetectOverlaps(const OverlapInput& input, OverlapStats* stats,
                                                      const OverlapProgress& progress) {
  OverlapStats local;
  OverlapStats& s = stats ? *stats : local;
  s.claims = static_cast<int64_t>(input.claims.size());
  VKA_ASSIGN_OR_RETURN(PersonClusters persons, ClusterPersons(input, s, progress));
  Detector detector(input, persons, ClusterProperties(input.properties), progress);
  return detector.Run();
}

}  // namespace vka::claims
