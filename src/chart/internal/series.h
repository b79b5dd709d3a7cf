#pragma once

// The numbers behind each chart, cross-tabulated from the acts: day (or
// week, month) by type, place by type, age band by sex, acts per place with
// coordinates. Pure. The rules are those of stats/patterns.h, so each table's
// margins equal the counts of `vka stats`: a "day" is a single firm day,
// victims are distinct victim ids, age bands and "unknown" keys as there.

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/edtf.h"
#include "stats/patterns.h"

namespace vka::chart::internal {

// The series key that gathers the act types beyond the coloured ones.
inline constexpr char kOtherKey[] = "*other*";
// Act types with a colour of their own; the rest are "other types".
inline constexpr size_t kMaxTypeSeries = 8;

// The act types shown as series: the kMaxTypeSeries most frequent (acts
// descending, then code; stats::kUnknownKey for acts without a type), then
// kOtherKey when more types exist.
class TypeSeries {
 public:
  explicit TypeSeries(const std::vector<stats::PatternAct>& acts);

  const std::vector<std::string>& keys() const { return keys_; }
  size_t size() const { return keys_.size(); }
  // The series index of an act's type.
  size_t IndexOf(const stats::PatternAct& act) const;

 private:
  std::vector<std::string> keys_;
  std::unordered_map<std::string, size_t> index_;
};


enum class Bin { kDay, kWeek, kMonth, kYear };

// Binning for a span of days: days up to kMaxDayBins, weeks (Monday to
// Sunday) up to kMaxWeekBins weeks, months up to kMaxMonthBins, years beyond.
inline constexpr int64_t kMaxDayBins = 120;
inline constexpr int64_t kMaxWeekBins = 104;
inline constexpr int64_t kMaxMonthBins = 240;

struct Timeline {
  TypeSeries series;
  Bin bin = Bin::kDay;
  std::vector<base::DayNumber> starts;       // first day of each bin, every bin of the span
  std::vector<std::vector<int64_t>> counts;  // [bin][series]
  stats::DateCoverage dates;                 // single_day acts are drawn, the others not
};
Timeline BuildTimeline(const std::vector<stats::PatternAct>& acts);

// Acts per single day, ascending (days without acts are absent).
std::vector<std::pair<base::DayNumber, int64_t>> ActsPerDay(
    const std::vector<stats::PatternAct>& acts);

struct PlaceRow {
  std::string place;  // place id; "" not recorded; kOtherKey the rest
  int64_t acts = 0;
  int64_t places = 1;  // places gathered in the row (kOtherKey only)
  std::vector<int64_t> by_series;
};

struct PlaceBars {
  TypeSeries series;
  std::vector<PlaceRow> rows;  // by acts descending, then id; then other; then not recorded
};
// At most max_places places get a row of their own.
PlaceBars BuildPlaceBars(const std::vector<stats::PatternAct>& acts, size_t max_places);

struct AgeSexTable {
  std::vector<std::string> bands;             // stats::kAgeBands, then stats::kUnknownKey if used
  std::vector<std::string> sexes;             // female, male, other, other codes, then kUnknownKey
  std::vector<std::vector<int64_t>> victims;  // [band][sex]: distinct victim ids
  std::vector<int64_t> sex_totals;   // [sex]: distinct victim ids (a person in two bands once)
  int64_t identified_acts = 0;       // acts naming a person in input.persons
  int64_t acts_without_person = 0;   // the rest (stats::kNoPersonKey)
  int64_t unidentified_victims = 0;  // victim_count over acts naming no victim
};
AgeSexTable BuildAgeSex(const stats::PatternInput& input);

// The band of a person's age at an act, as stats counts it: kUnknownKey when
// the dates are missing or open or the possible ages span two bands.
std::string AgeBand(const stats::PatternAct& act, const stats::PatternPerson& person);

struct MapPoint {
  std::string place;  // the place whose coordinates are used
  stats::Coordinates at;
  int64_t acts = 0;      // all acts drawn here
  int64_t own_acts = 0;  // those whose own place is `place` (the rest are at places within it)
};

struct MapData {
  std::vector<MapPoint> points;  // by acts descending, then place id
  int64_t acts = 0;
  int64_t mapped_acts = 0;
};
// Each act goes to the first place with valid coordinates (lat in [-90, 90],
// lon in [-180, 180]) among its place and that place's ancestors.
MapData BuildMap(const stats::PatternInput& input);

}  // namespace vka::chart::internal
