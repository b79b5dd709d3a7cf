#include "chart/internal/series.h"

#include <gtest/gtest.h>

#include <map>
#include <numeric>
#include <random>

#include "chart/internal/dates.h"

namespace vka::chart::internal {
namespace {

base::DayNumber Day(int64_t y, unsigned m, unsigned d) { return base::DaysFromCivil(y, m, d); }

stats::PatternAct Act(const std::string& type, base::DayNumber day, const std::string& place = "",
                      const std::string& victim = "") {
  stats::PatternAct a;
  a.id = "act";
  a.type = type;
  a.place = place;
  a.victim = victim;
  a.has_date = true;
  a.earliest = a.latest = day;
  return a;
}

// A random situation with every kind of date, missing fields, persons with
// exact, yearly and missing births, and nested places.
stats::PatternInput RandomInput(uint32_t seed, int acts) {
  std::mt19937 rng(seed);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<uint32_t>(n)); };
  const char* types[] = {"killing", "torture",   "beating",   "looting",     "arson", "threat",
                         "injury",  "abduction", "expulsion", "humiliation", ""};
  const char* sexes[] = {"female", "male", "other", "unknown", ""};
  stats::PatternInput in;
  for (int i = 0; i < 30; ++i) {
    stats::PatternPerson p;
    p.id = "per_" + std::to_string(i);
    p.sex = sexes[pick(5)];
    if (pick(4) != 0) {
      p.has_birth = true;
      const int64_t year = 1920 + pick(85);
      p.birth_earliest = pick(2) == 0 ? Day(year, 1, 1) : Day(year, 6, 15);
      p.birth_latest = pick(2) == 0 ? Day(year, 12, 31) : p.birth_earliest;
    }
    in.persons.push_back(p);
  }
  for (int i = 0; i < 12; ++i) in.places.push_back({"plc_" + std::to_string(i), "", std::nullopt});
  for (int i = 0; i < acts; ++i) {
    stats::PatternAct a = Act(types[pick(11)], Day(1992, 1, 1) + pick(200),
                              pick(8) == 0 ? "" : "plc_" + std::to_string(pick(12)),
                              pick(5) == 0 ? "" : "per_" + std::to_string(pick(35)));
    if (a.victim.empty()) a.victim_count = pick(4);
    switch (pick(10)) {
      case 0:
        a.has_date = false;
        break;
      case 1:
        a.approximate = true;
        break;
      case 2:
        a.latest = a.earliest + 30;
        break;
      default:
        break;
    }
    in.acts.push_back(a);
  }
  return in;
}

const stats::DimensionCounts& Dim(const stats::PatternResult& r, stats::Dimension d) {
  for (const auto& dc : r.dimensions) {
    if (dc.dimension == d) return dc;
  }
  throw std::logic_error("no dimension");
}

TEST(Dates, CivilAndWeekdays) {
  const base::DayNumber d = Day(1992, 2, 29);
  const CivilDate c = CivilFromDays(d);
  EXPECT_EQ(c.year, 1992);
  EXPECT_EQ(c.month, 2);
  EXPECT_EQ(c.day, 29);
  EXPECT_EQ(Weekday(Day(1992, 2, 29)), 5);   // a Saturday
  EXPECT_EQ(Weekday(Day(1969, 12, 29)), 0);  // a Monday before the epoch
  EXPECT_EQ(MondayOnOrBefore(Day(1992, 3, 1)), Day(1992, 2, 24));
  EXPECT_EQ(FirstOfMonth(d), Day(1992, 2, 1));
  EXPECT_EQ(FirstOfNextMonth(Day(1992, 12, 31)), Day(1993, 1, 1));
  EXPECT_EQ(FirstOfYear(1990), Day(1990, 1, 1));
  for (base::DayNumber x = Day(1899, 12, 1); x < Day(1901, 3, 1); ++x) {
    const CivilDate cd = CivilFromDays(x);
    ASSERT_EQ(base::DaysFromCivil(cd.year, static_cast<unsigned>(cd.month),
                                  static_cast<unsigned>(cd.day)),
              x);
  }
}

TEST(TypeSeries, KeepsTheMostFrequentTypesAndGathersTheRest) {
  std::vector<stats::PatternAct> acts;
  for (int t = 0; t < 10; ++t) {
    for (int n = 0; n <= t; ++n) acts.push_back(Act("type" + std::to_string(t), 0));
  }
  acts.push_back(Act("", 0));
  TypeSeries s(acts);
  ASSERT_EQ(s.size(), kMaxTypeSeries);
  EXPECT_EQ(s.keys().front(), "type9");
  EXPECT_EQ(s.keys()[kMaxTypeSeries - 2], "type3");
  EXPECT_EQ(s.keys().back(), kOtherKey);
  EXPECT_EQ(s.IndexOf(Act("type0", 0)), kMaxTypeSeries - 1);
  EXPECT_EQ(s.IndexOf(Act("", 0)), kMaxTypeSeries - 1);

  TypeSeries few({Act("b", 0), Act("a", 0), Act("", 0), Act("a", 0)});
  EXPECT_EQ(few.keys(), (std::vector<std::string>{"a", "b", stats::kUnknownKey}));
}

TEST(Timeline, BinsByDayWeekOrMonthWithEverySlotOfTheSpan) {
  Timeline days = BuildTimeline({Act("k", Day(1992, 2, 1)), Act("k", Day(1992, 2, 10))});
  EXPECT_EQ(days.bin, Bin::kDay);
  EXPECT_EQ(days.starts.size(), 10u);
  EXPECT_EQ(days.counts[0][0] + days.counts[9][0], 2);

  Timeline weeks = BuildTimeline({Act("k", Day(1992, 1, 1)), Act("k", Day(1992, 9, 1))});
  EXPECT_EQ(weeks.bin, Bin::kWeek);
  EXPECT_EQ(weeks.starts.front(), Day(1991, 12, 30));  // the Monday of 1 Jan 1992
  EXPECT_EQ(weeks.starts.back(), Day(1992, 8, 31));

  Timeline months = BuildTimeline({Act("k", Day(1990, 5, 17)), Act("k", Day(1993, 2, 3))});
  EXPECT_EQ(months.bin, Bin::kMonth);
  EXPECT_EQ(months.starts.front(), Day(1990, 5, 1));
  EXPECT_EQ(months.starts.size(), 34u);
  EXPECT_EQ(months.counts.back()[0], 1);

  Timeline years = BuildTimeline({Act("k", Day(1915, 4, 24)), Act("k", Day(1992, 2, 26))});
  EXPECT_EQ(years.bin, Bin::kYear);
  EXPECT_EQ(years.starts.front(), Day(1915, 1, 1));
  EXPECT_EQ(years.starts.size(), 78u);
}

TEST(Timeline, NothingDatedGivesNoBins) {
  stats::PatternAct a = Act("k", Day(1992, 1, 1));
  a.approximate = true;
  Timeline t = BuildTimeline({a});
  EXPECT_TRUE(t.starts.empty());
  EXPECT_EQ(t.dates.ranged_or_approximate, 1);
}

// The cross tables' margins are `vka stats`' counts, on random situations.
TEST(Series, MarginsEqualThePatternsOfStats) {
  for (uint32_t seed = 1; seed <= 20; ++seed) {
    const stats::PatternInput in = RandomInput(seed, 400);
    auto patterns = stats::ComputePatterns(in);
    ASSERT_TRUE(patterns.ok());
    const stats::PatternResult& r = *patterns;

    const Timeline t = BuildTimeline(in.acts);
    EXPECT_EQ(t.dates.single_day, r.dates.single_day);
    EXPECT_EQ(t.dates.ranged_or_approximate, r.dates.ranged_or_approximate);
    EXPECT_EQ(t.dates.undated, r.dates.undated);
    int64_t binned = 0;
    for (const auto& bin : t.counts) binned = std::accumulate(bin.begin(), bin.end(), binned);
    EXPECT_EQ(binned, r.dates.single_day);
    std::map<std::string, int64_t> per_day;
    for (const auto& [day, n] : ActsPerDay(in.acts)) per_day[stats::DayString(day)] = n;
    std::map<std::string, int64_t> stats_days;
    for (const auto& g : Dim(r, stats::Dimension::kDay).groups) stats_days[g.key] = g.acts;
    EXPECT_EQ(per_day, stats_days) << "seed " << seed;

    std::map<std::string, int64_t> per_place;
    for (const auto& row : BuildPlaceBars(in.acts, 100).rows) {
      per_place[row.place.empty() ? stats::kUnknownKey : row.place] = row.acts;
    }
    std::map<std::string, int64_t> stats_places;
    for (const auto& g : Dim(r, stats::Dimension::kPlace).groups) stats_places[g.key] = g.acts;
    EXPECT_EQ(per_place, stats_places) << "seed " << seed;

    // A person has one sex, so a band's victims split over the sexes.
    const AgeSexTable a = BuildAgeSex(in);
    std::map<std::string, int64_t> per_band;
    for (size_t b = 0; b < a.bands.size(); ++b) {
      per_band[a.bands[b]] = std::accumulate(a.victims[b].begin(), a.victims[b].end(), int64_t{0});
    }
    std::map<std::string, int64_t> stats_bands;
    for (const auto& g : Dim(r, stats::Dimension::kAge).groups) {
      if (g.key == stats::kNoPersonKey) {
        EXPECT_EQ(a.acts_without_person, g.acts);
        EXPECT_EQ(a.unidentified_victims, g.unidentified_victims);
      } else {
        stats_bands[g.key] = g.victims;
      }
    }
    for (const auto& [band, n] : per_band) {
      if (n == 0) continue;
      EXPECT_EQ(stats_bands[band], n) << "seed " << seed << " band " << band;
    }
    std::map<std::string, int64_t> stats_sexes;
    for (const auto& g : Dim(r, stats::Dimension::kSex).groups) {
      if (g.key != stats::kNoPersonKey) stats_sexes[g.key] = g.victims;
    }
    std::map<std::string, int64_t> per_sex;
    for (size_t s = 0; s < a.sexes.size(); ++s) per_sex[a.sexes[s]] = a.sex_totals[s];
    EXPECT_EQ(per_sex, stats_sexes) << "seed " << seed;
  }
}

TEST(PlaceBars, OrdersByActsAndGathersTheRest) {
  std::vector<stats::PatternAct> acts = {Act("k", 0, "b"), Act("k", 0, "a"), Act("t", 0, "b"),
                                         Act("k", 0, ""),  Act("k", 0, "c"), Act("k", 0, "d")};
  PlaceBars bars = BuildPlaceBars(acts, 2);
  ASSERT_EQ(bars.rows.size(), 4u);
  EXPECT_EQ(bars.rows[0].place, "b");
  EXPECT_EQ(bars.rows[0].by_series, (std::vector<int64_t>{1, 1}));
  EXPECT_EQ(bars.rows[1].place, "a");
  EXPECT_EQ(bars.rows[2].place, kOtherKey);
  EXPECT_EQ(bars.rows[2].places, 2);
  EXPECT_EQ(bars.rows[2].acts, 2);
  EXPECT_EQ(bars.rows[3].place, "");
}

TEST(AgeSex, AgeAtTheActAndUnknownWhenTheBandIsUncertain) {
  stats::PatternPerson p;
  p.id = "p";
  p.has_birth = true;
  p.birth_earliest = Day(1974, 1, 1);
  p.birth_latest = Day(1974, 12, 31);
  EXPECT_EQ(AgeBand(Act("k", Day(1993, 1, 1)), p), "18-29");             // 18 or 19
  EXPECT_EQ(AgeBand(Act("k", Day(1992, 6, 1)), p), stats::kUnknownKey);  // 17 or 18
  EXPECT_EQ(AgeBand(Act("k", Day(1991, 6, 1)), p), "0-17");
  EXPECT_EQ(AgeBand(Act("k", Day(1991, 12, 31)), p), "0-17");
  EXPECT_EQ(AgeBand(Act("k", Day(1992, 1, 1)), p), stats::kUnknownKey);  // 17 or 18
  p.has_birth = false;
  EXPECT_EQ(AgeBand(Act("k", Day(1992, 6, 1)), p), stats::kUnknownKey);
}

TEST(Map, UsesTheNearestEnclosingPlaceWithValidCoordinates) {
  stats::PatternInput in;
  in.places = {{"city", "", stats::Coordinates{40.18, 44.51}},
               {"street", "city", std::nullopt},
               {"house", "street", std::nullopt},
               {"bad", "city", stats::Coordinates{91, 0}},  // invalid: uses the city's
               {"loop1", "loop2", std::nullopt},
               {"loop2", "loop1", std::nullopt},
               {"own", "city", stats::Coordinates{40.2, 44.5}}};
  in.acts = {Act("k", 0, "house"), Act("k", 0, "city"), Act("k", 0, "bad"),
             Act("k", 0, "loop1"), Act("k", 0, "own"),  Act("k", 0, "unknown_place"),
             Act("k", 0, "")};
  MapData m = BuildMap(in);
  EXPECT_EQ(m.acts, 7);
  EXPECT_EQ(m.mapped_acts, 4);
  ASSERT_EQ(m.points.size(), 2u);
  EXPECT_EQ(m.points[0].place, "city");
  EXPECT_EQ(m.points[0].acts, 3);
  EXPECT_EQ(m.points[0].own_acts, 1);
  EXPECT_EQ(m.points[1].place, "own");
  EXPECT_EQ(m.points[1].own_acts, 1);
}

}  // namespace
}  // namespace vka::chart::internal
