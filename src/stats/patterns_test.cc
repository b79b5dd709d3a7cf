#include "stats/patterns.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace vka::stats {
namespace {

using ::testing::HasSubstr;

base::DayNumber Day(int y, unsigned m, unsigned d) { return base::DaysFromCivil(y, m, d); }

PatternAct Act(std::string id, std::string type, std::string event, std::string place,
               std::string victim, base::DayNumber day) {
  PatternAct a;
  a.id = std::move(id);
  a.type = std::move(type);
  a.event = std::move(event);
  a.place = std::move(place);
  a.victim = std::move(victim);
  a.has_date = true;
  a.earliest = a.latest = day;
  return a;
}

// Seven acts in January 1990 (the expected numbers below are counted by hand):
//   a1 killing  e1 plc_a per_1  01-13
//   a2 beating  e1 plc_a per_2  01-13
//   a3 killing  e2 plc_b per_3  01-14
//   a4 looting  e2 plc_b (no victim, victim_count 3)  01-20
//   a5 beating  e3 plc_c per_1  01-15~ (approximate)
//   a6 killing  -  -     org_1  1990-01 (ranged: the whole month)
//   a7 killing  e3 -     per_2  undated
PatternInput Fixture() {
  PatternInput in;
  in.acts.push_back(Act("a1", "killing", "e1", "plc_a", "per_1", Day(1990, 1, 13)));
  in.acts.push_back(Act("a2", "beating", "e1", "plc_a", "per_2", Day(1990, 1, 13)));
  in.acts.push_back(Act("a3", "killing", "e2", "plc_b", "per_3", Day(1990, 1, 14)));
  in.acts.push_back(Act("a4", "looting", "e2", "plc_b", "", Day(1990, 1, 20)));
  in.acts.back().victim_count = 3;
  in.acts.push_back(Act("a5", "beating", "e3", "plc_c", "per_1", Day(1990, 1, 15)));
  in.acts.back().approximate = true;
  in.acts.push_back(Act("a6", "killing", "", "", "org_1", Day(1990, 1, 1)));
  in.acts.back().latest = Day(1990, 1, 31);
  in.acts.push_back(Act("a7", "killing", "e3", "", "per_2", 0));
  in.acts.back().has_date = false;
  // per_1 is 29 on 1990-01-13; per_2, born some day in 1972, is 17 or 18.
  in.persons.push_back({"per_1", "female", true, Day(1960, 5, 10), Day(1960, 5, 10), "Armenian"});
  in.persons.push_back({"per_2", "male", true, Day(1972, 1, 1), Day(1972, 12, 31), "Armenian"});
  in.persons.push_back({"per_3", "male", false, 0, 0, "Russian"});
  in.places.push_back({"plc_a", "", Coordinates{0, 0}});
  in.places.push_back({"plc_b", "", Coordinates{0, 90}});
  in.places.push_back({"plc_c", "plc_a", std::nullopt});
  return in;
}

const std::vector<GroupCount>& Rows(const PatternResult& r, Dimension d) {
  for (const auto& dim : r.dimensions) {
    if (dim.dimension == d) return dim.groups;
  }
  ADD_FAILURE() << "no dimension " << DimensionName(d);
  return r.dimensions.front().groups;
}

void ExpectRow(const GroupCount& row, const std::string& key, int64_t acts, int64_t victims,
               int64_t unidentified = 0) {
  EXPECT_EQ(row.key, key);
  EXPECT_EQ(row.acts, acts) << key;
  EXPECT_EQ(row.victims, victims) << key;
  EXPECT_EQ(row.unidentified_victims, unidentified) << key;
}

PatternResult Compute(const PatternInput& in) {
  auto r = ComputePatterns(in);
  EXPECT_TRUE(r.ok()) << r.status().message();
  return *r;
}

TEST(PatternsTest, CountsTotalsAndDateCoverage) {
  PatternResult r = Compute(Fixture());
  EXPECT_EQ(r.acts, 7);
  EXPECT_EQ(r.distinct_victims, 4);  // per_1, per_2, per_3, org_1
  EXPECT_EQ(r.unidentified_victims, 3);
  EXPECT_EQ(r.dates.single_day, 4);
  EXPECT_EQ(r.dates.ranged_or_approximate, 2);
  EXPECT_EQ(r.dates.undated, 1);
  ASSERT_FALSE(r.caveats.empty());
  EXPECT_THAT(r.caveats[0], HasSubstr("lower bounds"));
  EXPECT_THAT(r.caveats[1], HasSubstr("2 acts have an approximate or ranged date"));
}

TEST(PatternsTest, CountsByType) {
  const PatternResult r = Compute(Fixture());
  const auto& rows = Rows(r, Dimension::kType);
  ASSERT_EQ(rows.size(), 3u);
  ExpectRow(rows[0], "killing", 4, 4);
  ExpectRow(rows[1], "beating", 2, 2);
  ExpectRow(rows[2], "looting", 1, 0, 3);
}

TEST(PatternsTest, ByDayKeepsApproximateAndRangedDatesApart) {
  const PatternResult r = Compute(Fixture());
  const auto& rows = Rows(r, Dimension::kDay);
  ASSERT_EQ(rows.size(), 3u);
  ExpectRow(rows[0], "1990-01-13", 2, 2);
  ExpectRow(rows[1], "1990-01-14", 1, 1);
  ExpectRow(rows[2], "1990-01-20", 1, 0, 3);
}

TEST(PatternsTest, CountsByPlaceWithUnknown) {
  PatternResult r = Compute(Fixture());
  const auto& rows = Rows(r, Dimension::kPlace);
  ASSERT_EQ(rows.size(), 4u);
  ExpectRow(rows[0], "plc_a", 2, 2);
  ExpectRow(rows[1], "plc_b", 2, 1, 3);
  ExpectRow(rows[2], "unknown", 2, 2);
  ExpectRow(rows[3], "plc_c", 1, 1);
}

TEST(PatternsTest, CountsBySexAndIdentityOfPersonVictims) {
  PatternResult r = Compute(Fixture());
  const auto& sex = Rows(r, Dimension::kSex);
  ASSERT_EQ(sex.size(), 3u);
  ExpectRow(sex[0], "male", 3, 2);
  ExpectRow(sex[1], "female", 2, 1);
  ExpectRow(sex[2], "no_identified_person", 2, 1, 3);
  const auto& identity = Rows(r, Dimension::kIdentity);
  ASSERT_EQ(identity.size(), 3u);
  ExpectRow(identity[0], "Armenian", 4, 2);
  ExpectRow(identity[1], "no_identified_person", 2, 1, 3);
  ExpectRow(identity[2], "Russian", 1, 1);
}

TEST(PatternsTest, AgeBandIsAtTheActsDateAndUnknownWhenItCouldBeTwoBands) {
  const PatternResult r = Compute(Fixture());
  const auto& rows = Rows(r, Dimension::kAge);
  ASSERT_EQ(rows.size(), 3u);
  ExpectRow(rows[0], "18-29", 2, 1);        // a1, a5: per_1 aged 29
  ExpectRow(rows[1], "unknown", 3, 2);      // a2: 17 or 18; a3: no birth; a7: no date
  ExpectRow(rows[2], "no_identified_person", 2, 1, 3);
}

TEST(PatternsTest, AgeBandChangesOnTheBirthday) {
  PatternInput in;
  in.persons.push_back({"p", "", true, Day(1972, 1, 14), Day(1972, 1, 14), ""});
  in.acts.push_back(Act("x", "killing", "", "", "p", Day(1990, 1, 13)));
  in.acts.push_back(Act("y", "killing", "", "", "p", Day(1990, 1, 14)));
  const PatternResult r = Compute(in);
  const auto& rows = Rows(r, Dimension::kAge);
  ASSERT_EQ(rows.size(), 2u);
  ExpectRow(rows[0], "0-17", 1, 1);
  ExpectRow(rows[1], "18-29", 1, 1);
}

TEST(PatternsTest, AgeInYearsCountsCompletedYears) {
  EXPECT_EQ(AgeInYears(Day(1960, 1, 14), Day(1990, 1, 13)), 29);
  EXPECT_EQ(AgeInYears(Day(1960, 1, 14), Day(1990, 1, 14)), 30);
  EXPECT_EQ(AgeInYears(Day(1960, 2, 29), Day(1990, 2, 28)), 29);
  EXPECT_EQ(AgeInYears(Day(1960, 2, 29), Day(1990, 3, 1)), 30);
  EXPECT_LT(AgeInYears(Day(1990, 1, 2), Day(1990, 1, 1)), 0);
  EXPECT_EQ(DayString(Day(1988, 2, 27)), "1988-02-27");
  EXPECT_EQ(DayString(Day(2023, 9, 19)), "2023-09-19");
}

TEST(PatternsTest, TemporalConcentration) {
  const TemporalConcentration t = Compute(Fixture()).temporal;
  EXPECT_EQ(t.dated_acts, 4);
  EXPECT_EQ(t.first_day, Day(1990, 1, 13));
  EXPECT_EQ(t.last_day, Day(1990, 1, 20));
  EXPECT_EQ(t.span_days, 8);
  EXPECT_DOUBLE_EQ(t.acts_per_day, 0.5);
  EXPECT_EQ(t.peak_day, Day(1990, 1, 13));
  EXPECT_EQ(t.peak_acts, 2);
  EXPECT_EQ(t.half_window_start, Day(1990, 1, 13));
  EXPECT_EQ(t.half_window_end, Day(1990, 1, 13));
  EXPECT_EQ(t.half_window_days, 1);
  EXPECT_EQ(t.half_window_acts, 2);
}

TEST(PatternsTest, HalfWindowIsTheShortestRunHoldingHalfTheActs) {
  PatternInput in;
  for (unsigned d : {1u, 5u, 6u, 7u, 20u}) {
    in.acts.push_back(Act("a", "killing", "", "", "", Day(1990, 4, d)));
  }
  const TemporalConcentration t = Compute(in).temporal;  // ceil(5/2) = 3 acts
  EXPECT_EQ(t.half_window_start, Day(1990, 4, 5));
  EXPECT_EQ(t.half_window_end, Day(1990, 4, 7));
  EXPECT_EQ(t.half_window_days, 3);
  EXPECT_EQ(t.half_window_acts, 3);
  EXPECT_EQ(t.peak_day, Day(1990, 4, 1));  // all days have one act: the earliest
  EXPECT_EQ(t.span_days, 20);
}

TEST(PatternsTest, HaversineMatchesKnownDistances) {
  // A quarter of the equator: pi * R / 2.
  EXPECT_NEAR(HaversineKm({0, 0}, {0, 90}), std::numbers::pi * kEarthRadiusKm / 2, 1e-9);
  // Paris to London, about 344 km (value from an independent Python haversine).
  EXPECT_NEAR(HaversineKm({48.8566, 2.3522}, {51.5074, -0.1278}), 343.55606034104164, 1e-6);
  // Yerevan to Baku.
  EXPECT_NEAR(HaversineKm({40.1792, 44.4991}, {40.4093, 49.8671}), 455.91903396150076, 1e-6);
  EXPECT_EQ(HaversineKm({40, 45}, {40, 45}), 0);
}

TEST(PatternsTest, SpreadUsesPlacesWithTheirOwnCoordinates) {
  const Spread s = Compute(Fixture()).spread;
  EXPECT_EQ(s.distinct_places, 3);
  EXPECT_EQ(s.places_with_coordinates, 2);
  ASSERT_TRUE(s.has_distance);
  EXPECT_NEAR(s.max_distance_km, 10007.543398010286, 1e-6);
  EXPECT_EQ(s.farthest_a, "plc_a");
  EXPECT_EQ(s.farthest_b, "plc_b");
}

TEST(PatternsTest, JaccardOfTypeSets) {
  EXPECT_DOUBLE_EQ(Jaccard({"a", "b"}, {"b", "c"}), 1.0 / 3);
  EXPECT_DOUBLE_EQ(Jaccard({"a", "b"}, {"a", "b"}), 1);
  EXPECT_DOUBLE_EQ(Jaccard({"a"}, {"b"}), 0);
  EXPECT_DOUBLE_EQ(Jaccard({}, {}), 1);
}

TEST(PatternsTest, ModusOperandiComparesEveryPairOfEvents) {
  // e1 {beating, killing}, e2 {killing, looting}, e3 {beating, killing}:
  // pairs 1/3, 1, 1/3.
  const ModusOperandi m = Compute(Fixture()).modus_operandi;
  EXPECT_EQ(m.events, 3);
  EXPECT_EQ(m.pairs, 3);
  EXPECT_DOUBLE_EQ(m.mean_jaccard, 5.0 / 9);
  EXPECT_EQ(m.pairs_above_half, 1);
  EXPECT_DOUBLE_EQ(m.share_above_half, 1.0 / 3);
}

TEST(PatternsTest, TargetingRatioAgainstPopulationShares) {
  PatternInput in = Fixture();
  in.population = {{"Armenian", 0.1, 100}, {"Russian", 0.3, 300}, {"Azerbaijani", 0.6, 600}};
  const auto t = Compute(in).targeting;
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].group, "Armenian");
  EXPECT_EQ(t[0].victims, 2);
  EXPECT_EQ(t[0].victims_with_identity, 3);
  EXPECT_DOUBLE_EQ(t[0].victim_share, 2.0 / 3);
  EXPECT_DOUBLE_EQ(t[0].ratio, (2.0 / 3) / 0.1);
  EXPECT_EQ(t[0].population_count, 100);
  EXPECT_DOUBLE_EQ(t[1].ratio, (1.0 / 3) / 0.3);
  EXPECT_EQ(t[2].victims, 0);
  EXPECT_DOUBLE_EQ(t[2].ratio, 0);
}

TEST(PatternsTest, RejectsBadPopulationShares) {
  PatternInput in = Fixture();
  in.population = {{"Armenian", 0.7, std::nullopt}, {"Russian", 0.6, std::nullopt}};
  EXPECT_THAT(ComputePatterns(in).status().message(), HasSubstr("sum to more than 1"));
  in.population = {{"Armenian", 0, std::nullopt}};
  EXPECT_THAT(ComputePatterns(in).status().message(), HasSubstr("must be in (0, 1]"));
  in.population = {{"A", 0.1, std::nullopt}, {"A", 0.2, std::nullopt}};
  EXPECT_THAT(ComputePatterns(in).status().message(), HasSubstr("appears twice"));
}

TEST(PatternsTest, EmptyInputHasCaveatAndNoNumbers) {
  PatternResult r = Compute(PatternInput{});
  EXPECT_EQ(r.acts, 0);
  EXPECT_EQ(r.temporal.dated_acts, 0);
  EXPECT_EQ(r.modus_operandi.pairs, 0);
  EXPECT_FALSE(r.spread.has_distance);
  EXPECT_THAT(r.caveats[0], HasSubstr("lower bounds"));
}

TEST(PatternsTest, ParsesDimensionNames) {
  for (Dimension d : kAllDimensions) EXPECT_EQ(*ParseDimension(DimensionName(d)), d);
  EXPECT_FALSE(ParseDimension("colour").ok());
}

}  // namespace
}  // namespace vka::stats
