#include "chart/internal/series.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <string_view>
#include <unordered_set>

#include "chart/internal/dates.h"

namespace vka::chart::internal {
namespace {

constexpr double kMaxLatitude = 90;
constexpr double kMaxLongitude = 180;
constexpr int64_t kAgeBandStarts[] = {0, 18, 30, 45, 60};  // stats::kAgeBands
static_assert(std::size(kAgeBandStarts) == std::size(stats::kAgeBands));
constexpr const char* kSexOrder[] = {"female", "male", "other"};
constexpr int64_t kMonthsPerYear = 12;
constexpr size_t kBands = std::size(stats::kAgeBands);  // the index of "unknown"
static_assert(kBands + 1 < 8, "a person's bands are bits of a byte");

const std::string& TypeKey(const stats::PatternAct& act) {
  static const std::string kUnknown = stats::kUnknownKey;
  return act.type.empty() ? kUnknown : act.type;
}

base::DayNumber BinStart(Bin bin, base::DayNumber day) {
  switch (bin) {
    case Bin::kWeek:
      return MondayOnOrBefore(day);
    case Bin::kMonth:
      return FirstOfMonth(day);
    case Bin::kYear:
      return FirstOfYear(CivilFromDays(day).year);
    case Bin::kDay:
      break;
  }
  return day;
}

base::DayNumber NextBin(Bin bin, base::DayNumber start) {
  switch (bin) {
    case Bin::kWeek:
      return start + kDaysPerWeek;
    case Bin::kMonth:
      return FirstOfNextMonth(start);
    case Bin::kYear:
      return FirstOfYear(CivilFromDays(start).year + 1);
    case Bin::kDay:
      break;
  }
  return start + 1;
}

Bin ChooseBin(base::DayNumber first, base::DayNumber last) {
  if (last - first + 1 <= kMaxDayBins) return Bin::kDay;
  if ((MondayOnOrBefore(last) - MondayOnOrBefore(first)) / kDaysPerWeek + 1 <= kMaxWeekBins) {
    return Bin::kWeek;
  }
  const CivilDate a = CivilFromDays(first);
  const CivilDate b = CivilFromDays(last);
  if ((b.year - a.year) * kMonthsPerYear + (b.month - a.month) + 1 <= kMaxMonthBins)
    return Bin::kMonth;
  return Bin::kYear;
}

int AgeBandIndex(int64_t age) {
  int band = 0;
  for (int i = 0; i < static_cast<int>(std::size(kAgeBandStarts)); ++i) {
    if (age >= kAgeBandStarts[i]) band = i;
  }
  return band;
}

int SexOrder(const std::string& sex) {
  for (int i = 0; i < static_cast<int>(std::size(kSexOrder)); ++i) {
    if (sex == kSexOrder[i]) return i;
  }
  return sex == stats::kUnknownKey ? static_cast<int>(std::size(kSexOrder)) + 1
                                   : static_cast<int>(std::size(kSexOrder));
}

bool ValidCoordinates(const std::optional<stats::Coordinates>& c) {
  return c && std::isfinite(c->lat) && std::isfinite(c->lon) && std::abs(c->lat) <= kMaxLatitude &&
         std::abs(c->lon) <= kMaxLongitude;
}

// The place whose coordinates an act at `place` is drawn at, or nullptr.
const stats::PatternPlace* Locate(
    const std::string& place,
    const std::unordered_map<std::string, const stats::PatternPlace*>& places) {
  std::unordered_set<std::string> seen;  // a cycle of parents ends the search
  std::string id = place;
  while (!id.empty() && seen.insert(id).second) {
    auto it = places.find(id);
    if (it == places.end()) return nullptr;
    if (ValidCoordinates(it->second->coordinates)) return it->second;
    id = it->second->parent;
  }
  return nullptr;
}

}  // namespace

TypeSeries::TypeSeries(const std::vector<stats::PatternAct>& acts) {
  std::unordered_map<std::string, int64_t> counts;
  for (const auto& a : acts) ++counts[TypeKey(a)];
  std::vector<std::pair<std::string, int64_t>> sorted(counts.begin(), counts.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  const bool other = sorted.size() > kMaxTypeSeries;
  const size_t own = other ? kMaxTypeSeries - 1 : sorted.size();
  for (size_t i = 0; i < sorted.size(); ++i) {
    index_[sorted[i].first] = std::min(i, own);
    if (i < own) keys_.push_back(sorted[i].first);
  }
  if (other) keys_.push_back(kOtherKey);
}

size_t TypeSeries::IndexOf(const stats::PatternAct& act) const {
  auto it = index_.find(TypeKey(act));
  return it == index_.end() ? keys_.size() - 1 : it->second;
}

Timeline BuildTimeline(const std::vector<stats::PatternAct>& acts) {
  Timeline t{TypeSeries(acts)};
  t.dates = stats::CountDates(acts);
  if (t.dates.single_day == 0) return t;
  base::DayNumber first = base::EdtfDate::kMaxDay;
  base::DayNumber last = base::EdtfDate::kMinDay;
  for (const auto& a : acts) {
    if (!stats::IsSingleDay(a)) continue;
    first = std::min(first, a.earliest);
    last = std::max(last, a.earliest);
  }
  t.bin = ChooseBin(first, last);
  for (base::DayNumber d = BinStart(t.bin, first); d <= last; d = NextBin(t.bin, d)) {
    t.starts.push_back(d);
  }
  t.counts.assign(t.starts.size(), std::vector<int64_t>(t.series.size(), 0));
  for (const auto& a : acts) {
    if (!stats::IsSingleDay(a)) continue;
    const auto bin = std::upper_bound(t.starts.begin(), t.starts.end(), a.earliest) - 1;
    ++t.counts[static_cast<size_t>(bin - t.starts.begin())][t.series.IndexOf(a)];
  }
  return t;
}

std::vector<std::pair<base::DayNumber, int64_t>> ActsPerDay(
    const std::vector<stats::PatternAct>& acts) {
  std::map<base::DayNumber, int64_t> days;
  for (const auto& a : acts) {
    if (stats::IsSingleDay(a)) ++days[a.earliest];
  }
  return {days.begin(), days.end()};
}

PlaceBars BuildPlaceBars(const std::vector<stats::PatternAct>& acts, size_t max_places) {
  PlaceBars bars{TypeSeries(acts)};
  const size_t width = bars.series.size();
  std::unordered_map<std::string, PlaceRow> rows;
  for (const auto& a : acts) {
    PlaceRow& row = rows[a.place];
    if (row.by_series.empty()) {
      row.place = a.place;
      row.by_series.assign(width, 0);
    }
    ++row.acts;
    ++row.by_series[bars.series.IndexOf(a)];
  }
  std::optional<PlaceRow> not_recorded;
  if (auto it = rows.find(""); it != rows.end()) {
    not_recorded = std::move(it->second);
    rows.erase(it);
  }
  for (auto& [id, row] : rows) bars.rows.push_back(std::move(row));
  std::sort(bars.rows.begin(), bars.rows.end(), [](const PlaceRow& a, const PlaceRow& b) {
    return a.acts != b.acts ? a.acts > b.acts : a.place < b.place;
  });
  if (bars.rows.size() > max_places) {
    PlaceRow other{kOtherKey, 0, 0, std::vector<int64_t>(width, 0)};
    for (size_t i = max_places; i < bars.rows.size(); ++i) {
      other.acts += bars.rows[i].acts;
      ++other.places;
      for (size_t s = 0; s < width; ++s) other.by_series[s] += bars.rows[i].by_series[s];
    }
    bars.rows.resize(max_places);
    bars.rows.push_back(std::move(other));
  }
  if (not_recorded) bars.rows.push_back(std::move(*not_recorded));
  return bars;
}

namespace {

// The index in stats::kAgeBands of the act's victim's age band, or kBands.
size_t AgeBandIndexAt(const stats::PatternAct& act, const stats::PatternPerson& p) {
  if (!act.has_date || !p.has_birth) return kBands;
  if (stats::OpenDay(act.earliest) || stats::OpenDay(act.latest) || stats::OpenDay(p.birth_earliest) ||
      stats::OpenDay(p.birth_latest)) {
    return kBands;
  }
  const int64_t youngest = stats::AgeInYears(p.birth_latest, act.earliest);
  const int64_t oldest = stats::AgeInYears(p.birth_earliest, act.latest);
  if (youngest < 0 || AgeBandIndex(youngest) != AgeBandIndex(oldest)) return kBands;
  return static_cast<size_t>(AgeBandIndex(youngest));
}

// The persons by id, and each person's sex as an index into `keys`
// (kUnknownKey for an empty sex).
struct PersonSexes {
  std::unordered_map<std::string_view, size_t> index;
  std::vector<std::string> keys;
  std::vector<size_t> sex_of;

  explicit PersonSexes(const std::vector<stats::PatternPerson>& persons) : sex_of(persons.size()) {
    std::unordered_map<std::string, size_t> key_index;
    index.reserve(persons.size());
    for (size_t i = 0; i < persons.size(); ++i) {
      index.emplace(persons[i].id, i);
      const std::string key =
          persons[i].sex.empty() ? std::string(stats::kUnknownKey) : persons[i].sex;
      auto [it, added] = key_index.try_emplace(key, keys.size());
      if (added) keys.push_back(key);
      sex_of[i] = it->second;
    }
  }
};

// Fills t's rows from counts[band][sex] (band kBands: unknown) and totals[sex]:
// the sexes with victims in display order, the unknown band only if used.
void FillAgeSexRows(const std::vector<std::string>& keys,
                    const std::vector<std::vector<int64_t>>& counts,
                    const std::vector<int64_t>& totals, AgeSexTable& t) {
  std::vector<size_t> order;
  for (size_t s = 0; s < keys.size(); ++s) {
    if (totals[s] > 0) order.push_back(s);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int oa = SexOrder(keys[a]);
    const int ob = SexOrder(keys[b]);
    return oa != ob ? oa < ob : keys[a] < keys[b];
  });
  const bool unknown_band =
      std::any_of(counts[kBands].begin(), counts[kBands].end(), [](int64_t n) { return n > 0; });
  for (size_t b = 0; b < (unknown_band ? kBands + 1 : kBands); ++b) {
    t.bands.push_back(b == kBands ? stats::kUnknownKey : stats::kAgeBands[b]);
    t.victims.emplace_back();
    for (size_t s : order) t.victims.back().push_back(counts[b][s]);
  }
  for (size_t s : order) {
    t.sexes.push_back(keys[s]);
    t.sex_totals.push_back(totals[s]);
  }
}

}  // namespace

std::string AgeBand(const stats::PatternAct& act, const stats::PatternPerson& p) {
  const size_t band = AgeBandIndexAt(act, p);
  return band == kBands ? stats::kUnknownKey : stats::kAgeBands[band];
}

// Counted per person with a bit per band (any bit: counted for the sex), so
// a million acts need no set of ids.
AgeSexTable BuildAgeSex(const stats::PatternInput& input) {
  const PersonSexes persons(input.persons);
  AgeSexTable t;
  std::vector<uint8_t> seen(input.persons.size(), 0);
  std::vector<std::vector<int64_t>> counts(kBands + 1,
                                           std::vector<int64_t>(persons.keys.size(), 0));
  std::vector<int64_t> totals(persons.keys.size(), 0);
  for (const auto& a : input.acts) {
    auto it = a.victim.empty() ? persons.index.end() : persons.index.find(a.victim);
    if (it == persons.index.end()) {
      ++t.acts_without_person;
      if (a.victim.empty()) t.unidentified_victims += a.victim_count;
      continue;
    }
    ++t.identified_acts;
    const size_t person = it->second;
    const size_t band = AgeBandIndexAt(a, input.persons[person]);
    const auto bit = static_cast<uint8_t>(1u << band);
    if ((seen[person] & bit) == 0) ++counts[band][persons.sex_of[person]];
    if (seen[person] == 0) ++totals[persons.sex_of[person]];
    seen[person] |= bit;
  }
  FillAgeSexRows(persons.keys, counts, totals, t);
  return t;
}

MapData BuildMap(const stats::PatternInput& input) {
  std::unordered_map<std::string, const stats::PatternPlace*> places;
  for (const auto& p : input.places) places.emplace(p.id, &p);
  std::unordered_map<std::string, const stats::PatternPlace*> located;  // act place -> point
  std::map<std::string, MapPoint> points;
  MapData m;
  m.acts = static_cast<int64_t>(input.acts.size());
  for (const auto& a : input.acts) {
    auto [it, inserted] = located.try_emplace(a.place, nullptr);
    if (inserted) it->second = Locate(a.place, places);
    const stats::PatternPlace* at = it->second;
    if (at == nullptr) continue;
    ++m.mapped_acts;
    MapPoint& point = points[at->id];
    point.place = at->id;
    point.at = *at->coordinates;
    ++point.acts;
    if (at->id == a.place) ++point.own_acts;
  }
  for (auto& [id, point] : points) m.points.push_back(std::move(point));
  std::sort(m.points.begin(), m.points.end(), [](const MapPoint& a, const MapPoint& b) {
    return a.acts != b.acts ? a.acts > b.acts : a.place < b.place;
  });
  return m;
}

}  // namespace vka::chart::internal
