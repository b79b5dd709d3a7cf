#include "chart/internal/dates.h"

namespace vka::chart::internal {
namespace {

// Constants of civil_from_days (http://howardhinnant.github.io/date_algorithms.html).
constexpr int64_t kEpochShift = 719468;  // days from 0000-03-01 to 1970-01-01
constexpr int64_t kDaysPerEra = 146097;  // 400 years
constexpr int64_t kThursday = 3;         // 1970-01-01 was a Thursday (Monday = 0)
constexpr unsigned kMonthsPerYear = 12;

}  // namespace

CivilDate CivilFromDays(base::DayNumber z) {
  z += kEpochShift;
  const int64_t era = (z >= 0 ? z : z - (kDaysPerEra - 1)) / kDaysPerEra;
  const int64_t doe = z - era * kDaysPerEra;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

int Weekday(base::DayNumber day) {
  const int64_t w = (day + kThursday) % kDaysPerWeek;
  return static_cast<int>(w < 0 ? w + kDaysPerWeek : w);
}

base::DayNumber MondayOnOrBefore(base::DayNumber day) { return day - Weekday(day); }

base::DayNumber FirstOfMonth(base::DayNumber day) {
  const CivilDate c = CivilFromDays(day);
  return day - (c.day - 1);
}

base::DayNumber FirstOfNextMonth(base::DayNumber day) {
  const CivilDate c = CivilFromDays(day);
  const bool december = static_cast<unsigned>(c.month) == kMonthsPerYear;
  return base::DaysFromCivil(december ? c.year + 1 : c.year,
                             december ? 1u : static_cast<unsigned>(c.month) + 1, 1);
}

base::DayNumber FirstOfYear(int64_t year) { return base::DaysFromCivil(year, 1, 1); }

}  // namespace vka::chart::internal
