#pragma once

// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic
// Gregorian, as base/edtf.h), for binning and calendar layout.

#include <cstdint>

#include "base/edtf.h"

namespace vka::chart::internal {

inline constexpr int64_t kDaysPerWeek = 7;

struct CivilDate {
  int64_t year = 0;
  int month = 1;  // 1-12
  int day = 1;    // 1-31
};

// The calendar date of a day number (Howard Hinnant's civil_from_days).
CivilDate CivilFromDays(base::DayNumber day);

// 0 for Monday .. 6 for Sunday.
int Weekday(base::DayNumber day);

base::DayNumber MondayOnOrBefore(base::DayNumber day);
base::DayNumber FirstOfMonth(base::DayNumber day);
base::DayNumber FirstOfNextMonth(base::DayNumber day);
base::DayNumber FirstOfYear(int64_t year);

}  // namespace vka::chart::internal
