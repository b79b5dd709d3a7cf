#pragma once

// Patterns of documented acts (issue 6, part 2): counts by type, day, place,
// victim sex, victim age band and victim national identity; temporal
// concentration; spatial spread; similarity of modus operandi across events;
// targeting ratios against a population baseline. Pure: the caller (app/)
// reads the records and fills the plain structs below.
//
// Every number here counts what was documented. Documented counts are lower
// bounds of what happened; the result's caveats say so and every renderer
// must show them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/edtf.h"
#include "base/status.h"

namespace vka::stats {

// One act, as the caller read it. Empty strings mean "not recorded".
struct PatternAct {
  std::string id;
  std::string type;
  std::string event;
  std::string place;
  std::string victim;         // a person or organisation id
  int64_t victim_count = 0;   // 0: not recorded
  std::string method;
  bool has_date = false;      // false: no date recorded
  base::DayNumber earliest = 0;  // EdtfDate::earliest(); may be kMinDay (open)
  base::DayNumber latest = 0;    // EdtfDate::latest(); may be kMaxDay (open)
  bool approximate = false;   // EDTF ~, ? or %: the day is not firmly known
};

struct PatternPerson {
  std::string id;
  std::string sex;                // vocabulary code; "" when not recorded
  bool has_birth = false;
  base::DayNumber birth_earliest = 0;
  base::DayNumber birth_latest = 0;
  std::string national_identity;  // "" when not recorded
};

struct Coordinates {
  double lat = 0;
  double lon = 0;
};

struct PatternPlace {
  std::string id;
  std::string parent;
  std::optional<Coordinates> coordinates;
};

// A group's share of the population (for the targeting ratio). The group is
// matched exactly against persons' national_identity.
struct PopulationGroup {
  std::string group;
  double share = 0;                    // in (0, 1]
  std::optional<int64_t> count;        // when the baseline was given as counts
};

struct PatternInput {
  std::vector<PatternAct> acts;
  std::vector<PatternPerson> persons;  // at least every person victim
  std::vector<PatternPlace> places;
  std::vector<PopulationGroup> population;  // empty: no targeting ratios
};

enum class Dimension { kType, kDay, kPlace, kSex, kAge, kIdentity };

// "type", "day", "place", "sex", "age", "identity".
const char* DimensionName(Dimension d);
// The inverse of DimensionName; kInvalidArgument listing the names otherwise.
base::Result<Dimension> ParseDimension(std::string_view name);
inline constexpr Dimension kAllDimensions[] = {Dimension::kType, Dimension::kDay,
                                               Dimension::kPlace, Dimension::kSex,
                                               Dimension::kAge, Dimension::kIdentity};

// Keys used for acts that have no value in a dimension.
inline constexpr char kUnknownKey[] = "unknown";                      // field not recorded
inline constexpr char kNoPersonKey[] = "no_identified_person";        // victim is not a known person
// Age bands at the act's date, in output order (then kUnknownKey, kNoPersonKey).
inline constexpr const char* kAgeBands[] = {"0-17", "18-29", "30-44", "45-59", "60+"};

// One row of a dimension. `victims` counts distinct victim ids among the
// group's acts (a person hurt twice counts once); `unidentified_victims`
// sums victim_count over the group's acts that name no victim (these cannot
// be de-duplicated, so they are kept apart).
struct GroupCount {
  std::string key;
  int64_t acts = 0;
  int64_t victims = 0;
  int64_t unidentified_victims = 0;
};

// Rows of one dimension. Order: days ascending; age bands in kAgeBands
// order; other dimensions by acts descending, then key. Rows with zero acts
// are omitted. The "day" dimension holds only acts dated to one firm day
// (see DateCoverage); the other dimensions hold every act.
struct DimensionCounts {
  Dimension dimension;
  std::vector<GroupCount> groups;
};

// How the acts are dated. single_day: earliest == latest and not
// approximate or uncertain; ranged_or_approximate: any other date (never
// spread over days); undated: no date.
struct DateCoverage {
  int64_t single_day = 0;
  int64_t ranged_or_approximate = 0;
  int64_t undated = 0;
};

// True for the open ends EDTF uses for ".." (unknown or open interval ends).
bool OpenDay(base::DayNumber d);
// An act dated to one known day: not approximate or uncertain, not open.
bool IsSingleDay(const PatternAct& act);
DateCoverage CountDates(const std::vector<PatternAct>& acts);

// Over the single-day acts only (all fields 0 when there are none).
struct TemporalConcentration {
  int64_t dated_acts = 0;
  base::DayNumber first_day = 0;
  base::DayNumber last_day = 0;
  int64_t span_days = 0;          // last_day - first_day + 1
  double acts_per_day = 0;        // dated_acts / span_days
  base::DayNumber peak_day = 0;   // the day with most acts; the earliest on a tie
  int64_t peak_acts = 0;
  // The shortest run of consecutive days holding at least ceil(n/2) of the
  // n dated acts (the earliest such run on a tie), and the acts in it.
  base::DayNumber half_window_start = 0;
  base::DayNumber half_window_end = 0;
  int64_t half_window_days = 0;
  int64_t half_window_acts = 0;
};

// Over the distinct non-empty place ids of the acts. The distance uses each
// place's own coordinates (not a parent's); places without them are left
// out of the distance.
struct Spread {
  int64_t distinct_places = 0;
  int64_t places_with_coordinates = 0;
  bool has_distance = false;      // at least two places with coordinates
  double max_distance_km = 0;     // haversine, Earth radius kEarthRadiusKm
  std::string farthest_a;
  std::string farthest_b;
};

// Similarity of modus operandi: for every event that has at least one act,
// the set of its act types; for every unordered pair of such events, the
// Jaccard similarity |A ∩ B| / |A ∪ B| of their type sets. Reported: the
// number of events and pairs, the mean similarity over all pairs, and the
// share of pairs with similarity strictly above 0.5. Acts without an event
// are not used. All zero when there are fewer than two events.
struct ModusOperandi {
  int64_t events = 0;
  int64_t pairs = 0;
  double mean_jaccard = 0;
  double share_above_half = 0;
  int64_t pairs_above_half = 0;
};

// For one population group: victims = distinct person victims whose
// national_identity equals the group; victims_with_identity = distinct
// person victims with any recorded national_identity (the denominator);
// ratio = (victims / victims_with_identity) / population_share. A ratio
// above 1 means the group is over-represented among documented victims.
// victim_share and ratio are NaN when victims_with_identity is 0.
struct TargetingRatio {
  std::string group;
  int64_t victims = 0;
  int64_t victims_with_identity = 0;
  double victim_share = 0;
  double population_share = 0;
  std::optional<int64_t> population_count;
  double ratio = 0;
};

struct PatternResult {
  int64_t acts = 0;
  int64_t distinct_victims = 0;       // distinct victim ids over all acts
  int64_t unidentified_victims = 0;   // victim_count of acts naming no victim
  DateCoverage dates;
  std::vector<DimensionCounts> dimensions;  // in kAllDimensions order
  TemporalConcentration temporal;
  Spread spread;
  ModusOperandi modus_operandi;
  std::vector<TargetingRatio> targeting;  // in input population order
  std::vector<std::string> caveats;       // always says counts are lower bounds
};

inline constexpr double kEarthRadiusKm = 6371.0;

// Great-circle distance in km between two points in decimal degrees
// (haversine formula, spherical Earth of radius kEarthRadiusKm).
double HaversineKm(Coordinates a, Coordinates b);

// |a ∩ b| / |a ∪ b| of two sorted, de-duplicated sets; 1 when both are empty.
double Jaccard(const std::vector<std::string>& a, const std::vector<std::string>& b);

// Completed years between two days (a person born on `birth` is this old on
// `on`); negative when on < birth.
int64_t AgeInYears(base::DayNumber birth, base::DayNumber on);

// "YYYY-MM-DD" for a day number (years 0000-9999; others as signed years).
std::string DayString(base::DayNumber day);

// Computes every pattern. Returns kInvalidArgument when a population share
// is not in (0, 1], when a group appears twice, or when the shares sum to
// more than 1 (beyond rounding). Never fails otherwise. Thread-compatible.
base::Result<PatternResult> ComputePatterns(const PatternInput& input);

}  // namespace vka::stats
