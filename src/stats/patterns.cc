#include "stats/patterns.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <numbers>
#include <unordered_map>
#include <unordered_set>

namespace vka::stats {

bool OpenDay(base::DayNumber d) {
  return d <= base::EdtfDate::kMinDay || d >= base::EdtfDate::kMaxDay;
}

bool IsSingleDay(const PatternAct& a) {
  return a.has_date && !a.approximate && a.earliest == a.latest && !OpenDay(a.earliest);
}

DateCoverage CountDates(const std::vector<PatternAct>& acts) {
  DateCoverage c;
  for (const PatternAct& a : acts) {
    if (!a.has_date) {
      ++c.undated;
    } else if (IsSingleDay(a)) {
      ++c.single_day;
    } else {
      ++c.ranged_or_approximate;
    }
  }
  return c;
}

namespace {

constexpr double kShareTolerance = 1e-6;  // population shares may be rounded
constexpr double kHalf = 0.5;
constexpr int64_t kAgeBandStarts[] = {0, 18, 30, 45, 60};

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

// Howard Hinnant's civil_from_days (the inverse of base::DaysFromCivil).
Civil CivilFromDays(base::DayNumber z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const unsigned d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const unsigned m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

// Accumulates one dimension: acts, distinct victims, unidentified victims.
class Tally {
 public:
  void Add(const std::string& key, const PatternAct& act) {
    Entry& e = entries_[key];
    ++e.acts;
    if (!act.victim.empty()) {
      e.victims.insert(act.victim);
    } else {
      e.unidentified += act.victim_count;
    }
  }

  std::vector<GroupCount> Rows() const {
    std::vector<GroupCount> rows;
    rows.reserve(entries_.size());
    for (const auto& [key, e] : entries_) {
      rows.push_back({key, e.acts, static_cast<int64_t>(e.victims.size()), e.unidentified});
    }
    return rows;
  }

 private:
  struct Entry {
    int64_t acts = 0;
    std::unordered_set<std::string> victims;
    int64_t unidentified = 0;
  };
  std::unordered_map<std::string, Entry> entries_;
};

int AgeBandIndex(int64_t age) {
  int band = 0;
  for (int i = 0; i < static_cast<int>(std::size(kAgeBandStarts)); ++i) {
    if (age >= kAgeBandStarts[i]) band = i;
  }
  return band;
}

// The age band at the act, or kUnknownKey when the birth or act date is
// missing or open, or when the possible ages span more than one band.
std::string AgeKey(const PatternAct& act, const PatternPerson& p) {
  if (!act.has_date || !p.has_birth) return kUnknownKey;
  if (OpenDay(act.earliest) || OpenDay(act.latest) || OpenDay(p.birth_earliest) ||
      OpenDay(p.birth_latest)) {
    return kUnknownKey;
  }
  const int64_t youngest = AgeInYears(p.birth_latest, act.earliest);
  const int64_t oldest = AgeInYears(p.birth_earliest, act.latest);
  if (youngest < 0 || AgeBandIndex(youngest) != AgeBandIndex(oldest)) return kUnknownKey;
  return kAgeBands[AgeBandIndex(youngest)];
}

using PersonIndex = std::unordered_map<std::string, const PatternPerson*>;

std::string KeyFor(Dimension d, const PatternAct& act, const PersonIndex& persons) {
  auto orUnknown = [](const std::string& s) { return s.empty() ? std::string(kUnknownKey) : s; };
  switch (d) {
    case Dimension::kType: return orUnknown(act.type);
    case Dimension::kDay: return DayString(act.earliest);
    case Dimension::kPlace: return orUnknown(act.place);
    default: break;
  }
  auto it = act.victim.empty() ? persons.end() : persons.find(act.victim);
  if (it == persons.end()) return kNoPersonKey;
  const PatternPerson& p = *it->second;
  if (d == Dimension::kSex) return orUnknown(p.sex);
  if (d == Dimension::kIdentity) return orUnknown(p.national_identity);
  return AgeKey(act, p);
}

int AgeOrder(const std::string& key) {
  for (int i = 0; i < static_cast<int>(std::size(kAgeBands)); ++i) {
    if (key == kAgeBands[i]) return i;
  }
  return key == kUnknownKey ? std::size(kAgeBands) : std::size(kAgeBands) + 1;
}

void SortRows(Dimension d, std::vector<GroupCount>& rows) {
  auto by_acts = [](const GroupCount& a, const GroupCount& b) {
    return a.acts != b.acts ? a.acts > b.acts : a.key < b.key;
  };
  auto by_key = [](const GroupCount& a, const GroupCount& b) { return a.key < b.key; };
  auto by_band = [](const GroupCount& a, const GroupCount& b) {
    return AgeOrder(a.key) < AgeOrder(b.key);
  };
  if (d == Dimension::kDay) {
    std::sort(rows.begin(), rows.end(), by_key);  // YYYY-MM-DD sorts as text
  } else if (d == Dimension::kAge) {
    std::sort(rows.begin(), rows.end(), by_band);
  } else {
    std::sort(rows.begin(), rows.end(), by_acts);
  }
}

std::vector<DimensionCounts> CountDimensions(const PatternInput& in, const PersonIndex& persons) {
  std::vector<DimensionCounts> out;
  for (Dimension d : kAllDimensions) {
    Tally tally;
    for (const PatternAct& act : in.acts) {
      if (d == Dimension::kDay && !IsSingleDay(act)) continue;
      tally.Add(KeyFor(d, act, persons), act);
    }
    DimensionCounts counts{d, tally.Rows()};
    SortRows(d, counts.groups);
    out.push_back(std::move(counts));
  }
  return out;
}


void FindHalfWindow(const std::vector<base::DayNumber>& days, TemporalConcentration& t) {
  const size_t n = days.size();
  const size_t k = (n + 1) / 2;
  t.half_window_days = std::numeric_limits<int64_t>::max();
  for (size_t i = 0; i + k <= n; ++i) {
    const int64_t width = days[i + k - 1] - days[i] + 1;
    if (width < t.half_window_days) {
      t.half_window_days = width;
      t.half_window_start = days[i];
      t.half_window_end = days[i + k - 1];
    }
  }
  t.half_window_acts = std::count_if(days.begin(), days.end(), [&](base::DayNumber d) {
    return d >= t.half_window_start && d <= t.half_window_end;
  });
}

TemporalConcentration Concentrate(const std::vector<PatternAct>& acts) {
  std::vector<base::DayNumber> days;
  for (const PatternAct& a : acts) {
    if (IsSingleDay(a)) days.push_back(a.earliest);
  }
  TemporalConcentration t;
  if (days.empty()) return t;
  std::sort(days.begin(), days.end());
  t.dated_acts = static_cast<int64_t>(days.size());
  t.first_day = days.front();
  t.last_day = days.back();
  t.span_days = t.last_day - t.first_day + 1;
  t.acts_per_day = static_cast<double>(t.dated_acts) / static_cast<double>(t.span_days);
  for (size_t i = 0; i < days.size();) {
    size_t j = i;
    while (j < days.size() && days[j] == days[i]) ++j;
    if (static_cast<int64_t>(j - i) > t.peak_acts) {
      t.peak_acts = static_cast<int64_t>(j - i);
      t.peak_day = days[i];
    }
    i = j;
  }
  FindHalfWindow(days, t);
  return t;
}

Spread SpreadOf(const PatternInput& in) {
  std::unordered_map<std::string, const PatternPlace*> places;
  for (const PatternPlace& p : in.places) places[p.id] = &p;
  std::vector<std::string> ids;
  for (const PatternAct& a : in.acts) {
    if (!a.place.empty()) ids.push_back(a.place);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  Spread s;
  s.distinct_places = static_cast<int64_t>(ids.size());
  std::vector<const PatternPlace*> located;
  for (const std::string& id : ids) {
    auto it = places.find(id);
    if (it != places.end() && it->second->coordinates) located.push_back(it->second);
  }
  s.places_with_coordinates = static_cast<int64_t>(located.size());
  for (size_t i = 0; i < located.size(); ++i) {
    for (size_t j = i + 1; j < located.size(); ++j) {
      const double km = HaversineKm(*located[i]->coordinates, *located[j]->coordinates);
      if (!s.has_distance || km > s.max_distance_km) {
        s.has_distance = true;
        s.max_distance_km = km;
        s.farthest_a = located[i]->id;
        s.farthest_b = located[j]->id;
      }
    }
  }
  return s;
}

// Events with the same type set are grouped, so the cost is quadratic in the
// number of distinct type sets, not in the number of events.
ModusOperandi CompareEvents(const std::vector<PatternAct>& acts) {
  std::map<std::string, std::vector<std::string>> types_of_event;
  for (const PatternAct& a : acts) {
    if (!a.event.empty()) types_of_event[a.event].push_back(a.type);
  }
  std::map<std::vector<std::string>, int64_t> sets;
  for (auto& [event, types] : types_of_event) {
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    ++sets[types];
  }
  ModusOperandi m;
  m.events = static_cast<int64_t>(types_of_event.size());
  m.pairs = m.events * (m.events - 1) / 2;
  if (m.pairs == 0) return m;
  double sum = 0;
  for (auto a = sets.begin(); a != sets.end(); ++a) {
    const int64_t same = a->second * (a->second - 1) / 2;  // identical sets: similarity 1
    sum += static_cast<double>(same);
    m.pairs_above_half += same;
    for (auto b = std::next(a); b != sets.end(); ++b) {
      const double j = Jaccard(a->first, b->first);
      const int64_t n = a->second * b->second;
      sum += j * static_cast<double>(n);
      if (j > kHalf) m.pairs_above_half += n;
    }
  }
  m.mean_jaccard = sum / static_cast<double>(m.pairs);
  m.share_above_half = static_cast<double>(m.pairs_above_half) / static_cast<double>(m.pairs);
  return m;
}

base::Status CheckPopulation(const std::vector<PopulationGroup>& population) {
  std::unordered_set<std::string> seen;
  double total = 0;
  for (const PopulationGroup& g : population) {
    if (!(g.share > 0 && g.share <= 1)) {
      return base::InvalidArgumentError("population share of \"" + g.group +
                                        "\" must be in (0, 1]");
    }
    if (!seen.insert(g.group).second) {
      return base::InvalidArgumentError("population group \"" + g.group + "\" appears twice");
    }
    total += g.share;
  }
  if (total > 1 + kShareTolerance) {
    return base::InvalidArgumentError("population shares sum to more than 1");
  }
  return base::OkStatus();
}

std::vector<TargetingRatio> Target(const PatternInput& in, const PersonIndex& persons) {
  std::unordered_map<std::string, int64_t> victims_by_group;
  std::unordered_set<std::string> counted;
  int64_t with_identity = 0;
  for (const PatternAct& a : in.acts) {
    auto it = a.victim.empty() ? persons.end() : persons.find(a.victim);
    if (it == persons.end() || it->second->national_identity.empty()) continue;
    if (!counted.insert(a.victim).second) continue;
    ++victims_by_group[it->second->national_identity];
    ++with_identity;
  }
  std::vector<TargetingRatio> out;
  for (const PopulationGroup& g : in.population) {
    TargetingRatio r{g.group, victims_by_group[g.group], with_identity};
    r.population_share = g.share;
    r.population_count = g.count;
    r.victim_share = with_identity == 0 ? std::nan("")
                                        : static_cast<double>(r.victims) / with_identity;
    r.ratio = r.victim_share / g.share;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<std::string> Caveats(const PatternResult& r) {
  std::vector<std::string> c = {
      "Documented counts are lower bounds: every list misses people, and misses some kinds "
      "of people more than others. Patterns of documented acts can reflect who was "
      "documented as much as what happened. For an estimate of the undocumented, run "
      "`vka estimate` on the overlap of several independent lists."};
  if (r.dates.ranged_or_approximate + r.dates.undated > 0) {
    c.push_back(std::to_string(r.dates.ranged_or_approximate) +
                " acts have an approximate or ranged date and " +
                std::to_string(r.dates.undated) +
                " have no date; they are not in the counts by day.");
  }
  return c;
}

}  // namespace

const char* DimensionName(Dimension d) {
  switch (d) {
    case Dimension::kType: return "type";
    case Dimension::kDay: return "day";
    case Dimension::kPlace: return "place";
    case Dimension::kSex: return "sex";
    case Dimension::kAge: return "age";
    case Dimension::kIdentity: return "identity";
  }
  return "?";
}

base::Result<Dimension> ParseDimension(std::string_view name) {
  for (Dimension d : kAllDimensions) {
    if (name == DimensionName(d)) return d;
  }
  return base::InvalidArgumentError("unknown dimension \"" + std::string(name) +
                                    "\"; use type, day, place, sex, age or identity");
}

double HaversineKm(Coordinates a, Coordinates b) {
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlon / 2) *
                       std::sin(dlon / 2);
  return 2 * kEarthRadiusKm * std::asin(std::min(1.0, std::sqrt(h)));
}

double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (a.empty() && b.empty()) return 1;
  std::vector<std::string> common;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(common));
  const size_t together = a.size() + b.size() - common.size();
  return static_cast<double>(common.size()) / static_cast<double>(together);
}

int64_t AgeInYears(base::DayNumber birth, base::DayNumber on) {
  if (on < birth) return -1;
  const Civil b = CivilFromDays(birth);
  const Civil o = CivilFromDays(on);
  int64_t age = o.year - b.year;
  if (o.month < b.month || (o.month == b.month && o.day < b.day)) --age;
  return age;
}

std::string DayString(base::DayNumber day) {
  const Civil c = CivilFromDays(day);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buf;
}

base::Result<PatternResult> ComputePatterns(const PatternInput& input) {
  VKA_RETURN_IF_ERROR(CheckPopulation(input.population));
  PersonIndex persons;
  for (const PatternPerson& p : input.persons) persons[p.id] = &p;
  PatternResult r;
  r.acts = static_cast<int64_t>(input.acts.size());
  std::unordered_set<std::string> victims;
  for (const PatternAct& a : input.acts) {
    if (!a.victim.empty()) {
      victims.insert(a.victim);
    } else {
      r.unidentified_victims += a.victim_count;
    }
  }
  r.distinct_victims = static_cast<int64_t>(victims.size());
  r.dates = CountDates(input.acts);
  r.dimensions = CountDimensions(input, persons);
  r.temporal = Concentrate(input.acts);
  r.spread = SpreadOf(input);
  r.modus_operandi = CompareEvents(input.acts);
  r.targeting = Target(input, persons);
  r.caveats = Caveats(r);
  return r;
}

}  // namespace vka::stats
