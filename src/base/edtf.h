#pragma once

// Extended Date/Time Format (EDTF, ISO 8601-2:2019 level 0 and level 1),
// the date format of every date field in vka. Supported forms:
//   1990  1990-01  1990-01-13          (calendar dates, years 0000-9999)
//   -0044  Y170000002  Y-170000002      (negative years; Y-prefixed long years)
//   1990-01-13?  1990-01~  1990-01-13%  (uncertain, approximate, both; level 1
//                                        qualifies the whole date)
//   199X  19XX  1990-XX  1990-01-1X  1990-XX-XX   (unspecified digits)
//   1990-21 .. 1990-24                  (seasons: spring, summer, autumn, winter)
//   1990-01-13/1990-01-19               (intervals; each end any of the above)
//   1990-01-13/..   ../1990-01-19       (open ends)
//   1990-01-13/     /1990-01-19         (unknown ends)
// Times of day (1990-01-13T10:00:00Z) are accepted on single dates and kept,
// but compared at day precision.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vka::base {

// Days since 1970-01-01 in the proleptic Gregorian calendar.
using DayNumber = int64_t;

// Returns the day number of a valid calendar date (month 1-12, day 1-31).
DayNumber DaysFromCivil(int64_t year, unsigned month, unsigned day);

class EdtfDate {
 public:
  // Parses text. Returns kInvalidArgument with a message that says what is
  // wrong and where (e.g. "day 31 does not exist in 1990-02") for any text
  // that is not valid EDTF level 0/1, including impossible dates and
  // intervals whose start is after their end.
  static Result<EdtfDate> Parse(std::string_view text);

  // The normalised text: upper-case X, no surrounding spaces; parsing it
  // again yields an equal value. Stable: used in canonical record bodies.
  const std::string& text() const { return text_; }

  bool is_interval() const { return is_interval_; }
  // True when the start (end) of the interval is open ("..") or unknown ("").
  bool start_open() const { return start_open_; }
  bool end_open() const { return end_open_; }
  bool uncertain() const { return uncertain_; }      // any part has ? or %
  bool approximate() const { return approximate_; }  // any part has ~ or %

  // The earliest and latest day the value may denote. An open or unknown
  // start gives kMinDay; an open or unknown end gives kMaxDay. Unspecified
  // digits widen the range (1990-01-1X: 1990-01-10 .. 1990-01-19);
  // approximation and uncertainty do not widen it.
  DayNumber earliest() const { return earliest_; }
  DayNumber latest() const { return latest_; }

  static constexpr DayNumber kMinDay = INT64_MIN / 4;
  static constexpr DayNumber kMaxDay = INT64_MAX / 4;

  // Total order for sorting: by earliest, then latest, then text.
  friend bool operator<(const EdtfDate& a, const EdtfDate& b);
  friend bool operator==(const EdtfDate& a, const EdtfDate& b) {
    return a.text_ == b.text_;
  }

  // True when the two ranges [earliest, latest] share at least one day.
  bool Overlaps(const EdtfDate& other) const;

 private:
  std::string text_;
  DayNumber earliest_ = 0;
  DayNumber latest_ = 0;
  bool is_interval_ = false;
  bool start_open_ = false;
  bool end_open_ = false;
  bool uncertain_ = false;
  bool approximate_ = false;

  friend class EdtfParser;
};

}  // namespace vka::base
