#pragma once

// String and date comparators, and the comparison levels built from them.
// Pure functions on values already normalised by the caller (names.h).

#include <cstdint>
#include <optional>
#include <string_view>

namespace vka::linkage {

// Jaro–Winkler similarity in [0, 1] over bytes (callers pass ASCII Latin);
// prefix scale 0.1, at most 4 prefix characters. Two empty strings: 1.
double JaroWinkler(std::string_view a, std::string_view b);

// Levenshtein distance if it is at most `bound`, else bound + 1. O(n·bound).
// REQUIRES: bound >= 0.
int BoundedLevenshtein(std::string_view a, std::string_view b, int bound);

// Jaccard similarity of the sets of space-separated words; 1 when both are
// empty.
double TokenJaccard(std::string_view a, std::string_view b);

// A date value for comparison: an interval of days, and whether it names
// one exact day. Built by ParseDateValue.
struct DateValue {
  int64_t earliest = 0;  // days since 1970-01-01
  int64_t latest = 0;
  bool exact_day = false;
  int32_t year_lo = 0;  // calendar years of earliest and latest
  int32_t year_hi = 0;
  uint32_t digits = 0;  // YYYYMMDD as a number when exact_day (for typos)
};

// Parses an EDTF date (base/edtf.h) or a compact YYYYMMDD. nullopt for an
// empty, invalid or open-ended value (treated as missing).
std::optional<DateValue> ParseDateValue(std::string_view text);

// The date comparison levels, best first.
enum class DateLevel {
  kExactDay = 0,   // both exact days, equal
  kTypo = 1,       // both exact days, one digit differs or day/month swapped
  kSameYear = 2,   // same calendar year, at least one known only to the year
  kOtherDay = 3,   // both exact days in the same year, not a typo
  kYearOff1 = 4,   // closest years differ by one
  kOverlap = 5,    // ranges share a day (e.g. 195X and 1954)
  kDifferent = 6,
};
inline constexpr int kDateLevels = 7;

DateLevel CompareDates(const DateValue& a, const DateValue& b);

}  // namespace vka::linkage
