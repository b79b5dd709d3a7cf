#include "base/edtf.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

namespace vka::base {
namespace {

constexpr size_t kMaxInputBytes = 64;
constexpr size_t kYearDigits = 4;
constexpr size_t kFieldDigits = 2;  // month, day, hour, minute, second
// A long year (Y12345) needs more than kYearDigits digits. The cap keeps
// |year| below 10^15, so day numbers stay far inside kMinDay..kMaxDay and
// DaysFromCivil cannot overflow.
constexpr size_t kMinLongYearDigits = kYearDigits + 1;
constexpr size_t kMaxLongYearDigits = 15;
constexpr int64_t kMaxYear = 9999;
constexpr int64_t kMonthsPerYear = 12;
constexpr int64_t kMaxDayOfMonth = 31;
constexpr int64_t kSpring = 21;
constexpr int64_t kWinter = 24;
constexpr int kMaxHour = 23;
constexpr int kMaxMinute = 59;
constexpr int kMaxSecond = 59;  // leap seconds are not accepted
constexpr unsigned char kFirstNonAscii = 0x80;
constexpr unsigned char kFirstPrintable = 0x20;
constexpr unsigned char kDelete = 0x7f;

// Months covered by the seasons 21..24. Winter (24) runs from December of
// the written year to the end of February of the next year.
struct SeasonMonths {
  int first_month;
  int last_month;
  int last_year_offset;
};
constexpr std::array<SeasonMonths, 4> kSeasons = {{
    {3, 5, 0},   // 21 spring: March .. May
    {6, 8, 0},   // 22 summer: June .. August
    {9, 11, 0},  // 23 autumn: September .. November
    {12, 2, 1},  // 24 winter: December .. February of the next year
}};

// Inclusive bounds of a digit pattern such as "1X" (10 .. 19).
struct Bounds {
  int64_t lo;
  int64_t hi;
};

// Bounds of one date before it becomes day numbers. The texts are the
// fields as written, for error messages.
struct Fields {
  std::string_view year_text;
  std::string_view month_text;
  std::string_view day_text;
  Bounds year{0, 0};
  Bounds month{1, kMonthsPerYear};
  Bounds day{1, kMaxDayOfMonth};
  int64_t season = 0;  // 21..24, or 0 when not a season
  bool long_year = false;
};

// The days one date may denote, with its qualifiers.
struct Span {
  DayNumber earliest = 0;
  DayNumber latest = 0;
  bool uncertain = false;
  bool approximate = false;
};

std::string StrCat(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

std::string HexByte(unsigned char c) {
  char buf[8];
  std::snprintf(buf, sizeof(buf), "0x%02X", c);
  return buf;
}

// Quotes text for an error message; escapes anything not printable ASCII.
std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < kFirstPrintable || c >= kDelete || c == '"' || c == '\\') {
      out += "\\x" + HexByte(c).substr(2);
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsDigitOrX(char c) { return IsDigit(c) || c == 'X'; }
bool IsQualifier(char c) { return c == '?' || c == '~' || c == '%'; }

// Trims surrounding ASCII whitespace and upper-cases x. 'x' is valid
// nowhere else, so upper-casing every 'x' changes only unspecified digits.
std::string Normalise(std::string_view text) {
  while (!text.empty() && IsAsciiSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsAsciiSpace(text.back())) text.remove_suffix(1);
  std::string out(text);
  std::replace(out.begin(), out.end(), 'x', 'X');
  return out;
}

// Returns the bounds of a pattern whose X digits are all rightmost
// ("19XX": 1900 .. 1999), or nullopt when an X precedes a digit.
std::optional<Bounds> DigitPatternBounds(std::string_view digits) {
  Bounds b{0, 0};
  bool seen_x = false;
  for (char c : digits) {
    seen_x = seen_x || c == 'X';
    if (seen_x && c != 'X') return std::nullopt;
    b.lo = b.lo * 10 + (seen_x ? 0 : c - '0');
    b.hi = b.hi * 10 + (seen_x ? 9 : c - '0');
  }
  return b;
}

bool IsLeapYear(int64_t year) {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int64_t DaysInMonth(int64_t year, int64_t month) {
  constexpr std::array<int64_t, 12> kDays = {31, 28, 31, 30, 31, 30,
                                             31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

DayNumber Civil(int64_t year, int64_t month, int64_t day) {
  return DaysFromCivil(year, static_cast<unsigned>(month),
                       static_cast<unsigned>(day));
}

// The first day matching the fields, or nullopt when the day exists in no
// matching month (1990-02-30). Loops at most 10^4 years * 12 months.
std::optional<DayNumber> FirstDay(const Fields& f) {
  for (int64_t y = f.year.lo; y <= f.year.hi; ++y) {
    for (int64_t m = f.month.lo; m <= f.month.hi; ++m) {
      if (f.day.lo <= DaysInMonth(y, m)) return Civil(y, m, f.day.lo);
    }
  }
  return std::nullopt;
}

std::optional<DayNumber> LastDay(const Fields& f) {
  for (int64_t y = f.year.hi; y >= f.year.lo; --y) {
    for (int64_t m = f.month.hi; m >= f.month.lo; --m) {
      const int64_t d = std::min(f.day.hi, DaysInMonth(y, m));
      if (d >= f.day.lo) return Civil(y, m, d);
    }
  }
  return std::nullopt;
}

Span SeasonSpan(const Fields& f) {
  const SeasonMonths& s = kSeasons[f.season - kSpring];
  const int64_t last_year = f.year.hi + s.last_year_offset;
  return Span{
      Civil(f.year.lo, s.first_month, 1),
      Civil(last_year, s.last_month, DaysInMonth(last_year, s.last_month))};
}

}  // namespace

// Recursive-descent parser over the normalised text. Grammar:
//   value    := date | end '/' end
//   end      := date | ".." | ""          (not both ends open or unknown)
//   date     := year ['-' month ['-' day]] [qualifier | 'T' time]
//             | 'Y' ['-'] digits{5,15} [qualifier]
//   year     := ['-'] 4 of [0-9X];  month, day := 2 of [0-9X]
//   time     := hh ':' mm ':' ss ['Z' | ('+'|'-') hh [':' mm]]
// X digits must be rightmost within their field; times only on complete
// single dates.
class EdtfParser {
 public:
  explicit EdtfParser(std::string text) : text_(std::move(text)) {}
  Result<EdtfDate> Parse();

 private:
  Status Error(std::string_view what) const {
    return InvalidArgumentError(
        StrCat({"invalid EDTF date ", Quote(text_), ": ", what}));
  }
  Status Expected(std::string_view what) const;
  bool AtEnd() const { return pos_ >= end_; }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  bool Consume(char c);
  std::string_view TakeWhile(bool (*pred)(char));
  std::string_view Slice(size_t begin, size_t end) const {
    return std::string_view(text_).substr(begin, end - begin);
  }

  Status CheckCharacters() const;
  Result<EdtfDate> ParseInterval(size_t slash);
  Result<std::optional<Span>> ParseEnd(size_t begin, size_t end);
  Result<Span> ParseDate(size_t begin, size_t end, bool allow_time);
  Status ParseYear(Fields& f);
  Status ParseLongYear(Fields& f);
  Status ParseMonth(Fields& f);
  Status ParseDay(Fields& f);
  Result<std::string_view> TakeField(std::string_view name, size_t width);
  Result<Bounds> FieldBounds(std::string_view name, std::string_view digits,
                             Bounds allowed) const;
  Result<char> ParseSuffix(const Fields& f, bool allow_time);
  Status ParseTime(const Fields& f, bool allow_time);
  Status ParseZone();
  Status ParseTimeField(std::string_view name, int max);
  Result<Span> Resolve(const Fields& f) const;

  std::string text_;
  size_t pos_ = 0;
  size_t end_ = 0;  // end of the part being parsed
};

Status EdtfParser::Expected(std::string_view what) const {
  std::string found = "end of date";
  if (!AtEnd()) {
    const auto c = static_cast<unsigned char>(Peek());
    found = (c < kFirstPrintable || c >= kDelete)
                ? "byte " + HexByte(c)
                : StrCat({"'", std::string_view(&text_[pos_], 1), "'"});
  }
  return Error(StrCat({"expected ", what, " at offset ", std::to_string(pos_),
                       ", found ", found}));
}

bool EdtfParser::Consume(char c) {
  if (AtEnd() || text_[pos_] != c) return false;
  ++pos_;
  return true;
}

std::string_view EdtfParser::TakeWhile(bool (*pred)(char)) {
  const size_t start = pos_;
  while (!AtEnd() && pred(text_[pos_])) ++pos_;
  return Slice(start, pos_);
}

Status EdtfParser::CheckCharacters() const {
  if (text_.empty()) return Error("empty");
  for (size_t i = 0; i < text_.size(); ++i) {
    const auto c = static_cast<unsigned char>(text_[i]);
    if (c >= kFirstNonAscii) {
      return Error(StrCat(
          {"non-ASCII byte ", HexByte(c), " at offset ", std::to_string(i)}));
    }
  }
  return OkStatus();
}

Result<EdtfDate> EdtfParser::Parse() {
  VKA_RETURN_IF_ERROR(CheckCharacters());
  const size_t slash = text_.find('/');
  if (slash != std::string::npos) return ParseInterval(slash);
  VKA_ASSIGN_OR_RETURN(Span span, ParseDate(0, text_.size(), true));
  EdtfDate date;
  date.text_ = text_;
  date.earliest_ = span.earliest;
  date.latest_ = span.latest;
  date.uncertain_ = span.uncertain;
  date.approximate_ = span.approximate;
  return date;
}

Result<EdtfDate> EdtfParser::ParseInterval(size_t slash) {
  const size_t second = text_.find('/', slash + 1);
  if (second != std::string::npos) {
    return Error(StrCat({"second '/' at offset ", std::to_string(second)}));
  }
  VKA_ASSIGN_OR_RETURN(std::optional<Span> start, ParseEnd(0, slash));
  VKA_ASSIGN_OR_RETURN(std::optional<Span> end,
                       ParseEnd(slash + 1, text_.size()));
  if (!start && !end) return Error("an interval needs at least one date");
  if (start && end && start->earliest > end->latest) {
    return Error(
        StrCat({"interval start ", Slice(0, slash), " is after its end ",
                Slice(slash + 1, text_.size())}));
  }
  EdtfDate date;
  date.text_ = text_;
  date.is_interval_ = true;
  date.start_open_ = !start;
  date.end_open_ = !end;
  date.earliest_ = start ? start->earliest : EdtfDate::kMinDay;
  date.latest_ = end ? end->latest : EdtfDate::kMaxDay;
  date.uncertain_ = (start && start->uncertain) || (end && end->uncertain);
  date.approximate_ =
      (start && start->approximate) || (end && end->approximate);
  return date;
}

Result<std::optional<Span>> EdtfParser::ParseEnd(size_t begin, size_t end) {
  const std::string_view part = Slice(begin, end);
  if (part.empty() || part == "..") return std::optional<Span>();
  VKA_ASSIGN_OR_RETURN(Span span, ParseDate(begin, end, false));
  return std::optional<Span>(span);
}

Result<Span> EdtfParser::ParseDate(size_t begin, size_t end, bool allow_time) {
  pos_ = begin;
  end_ = end;
  Fields f;
  VKA_RETURN_IF_ERROR(ParseYear(f));
  VKA_RETURN_IF_ERROR(ParseMonth(f));
  VKA_RETURN_IF_ERROR(ParseDay(f));
  VKA_ASSIGN_OR_RETURN(char qualifier, ParseSuffix(f, allow_time));
  VKA_ASSIGN_OR_RETURN(Span span, Resolve(f));
  span.uncertain = qualifier == '?' || qualifier == '%';
  span.approximate = qualifier == '~' || qualifier == '%';
  return span;
}

Status EdtfParser::ParseYear(Fields& f) {
  if (Peek() == 'Y') return ParseLongYear(f);
  const size_t start = pos_;
  const bool negative = Consume('-');
  const std::string_view digits = TakeWhile(IsDigitOrX);
  f.year_text = Slice(start, pos_);
  if (digits.size() > kYearDigits) {
    return Error(StrCat({"year ", f.year_text,
                         " has more than 4 digits (write long years as "
                         "Y12345)"}));
  }
  if (digits.size() < kYearDigits) return Expected("a 4-digit year");
  VKA_ASSIGN_OR_RETURN(Bounds b, FieldBounds("year", digits, {0, kMaxYear}));
  if (negative && b.hi == 0) return Error("year -0000 is invalid; write 0000");
  f.year = negative ? Bounds{-b.hi, -b.lo} : b;
  return OkStatus();
}

Status EdtfParser::ParseLongYear(Fields& f) {
  const size_t start = pos_++;
  const bool negative = Consume('-');
  const std::string_view digits = TakeWhile(IsDigit);
  f.year_text = Slice(start, pos_);
  f.long_year = true;
  if (digits.size() < kMinLongYearDigits || digits.front() == '0') {
    return Error(StrCat({"long year ", f.year_text,
                         " needs more than 4 digits and no leading zero"}));
  }
  if (digits.size() > kMaxLongYearDigits) {
    return Error(
        StrCat({"long year ", f.year_text, " has more than 15 digits"}));
  }
  int64_t value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  f.year = negative ? Bounds{-value, -value} : Bounds{value, value};
  return OkStatus();
}

Status EdtfParser::ParseMonth(Fields& f) {
  if (Peek() != '-') return OkStatus();
  if (f.long_year) {
    return Error(StrCat({"long year ", f.year_text, " cannot have a month"}));
  }
  ++pos_;
  VKA_ASSIGN_OR_RETURN(f.month_text, TakeField("month", kFieldDigits));
  const std::optional<Bounds> exact = DigitPatternBounds(f.month_text);
  if (exact && exact->lo == exact->hi && exact->lo >= kSpring &&
      exact->lo <= kWinter) {
    f.season = exact->lo;
    return OkStatus();
  }
  VKA_ASSIGN_OR_RETURN(f.month,
                       FieldBounds("month", f.month_text, {1, kMonthsPerYear}));
  return OkStatus();
}

Status EdtfParser::ParseDay(Fields& f) {
  if (Peek() != '-') return OkStatus();
  if (f.season != 0) {
    return Error(StrCat({"season ", f.month_text, " cannot have a day"}));
  }
  ++pos_;
  VKA_ASSIGN_OR_RETURN(f.day_text, TakeField("day", kFieldDigits));
  VKA_ASSIGN_OR_RETURN(f.day,
                       FieldBounds("day", f.day_text, {1, kMaxDayOfMonth}));
  return OkStatus();
}

// Takes exactly `width` characters of [0-9X].
Result<std::string_view> EdtfParser::TakeField(std::string_view name,
                                               size_t width) {
  const size_t start = pos_;
  const std::string_view digits = TakeWhile(IsDigitOrX);
  if (digits.size() == width) return digits;
  if (digits.size() > width) pos_ = start + width;
  return Expected(StrCat({"a ", std::to_string(width), "-digit ", name}));
}

// Bounds of a field's digits, clipped to `allowed` (month "1X": 10 .. 12).
Result<Bounds> EdtfParser::FieldBounds(std::string_view name,
                                       std::string_view digits,
                                       Bounds allowed) const {
  const std::optional<Bounds> b = DigitPatternBounds(digits);
  if (!b) {
    return Error(StrCat({"unspecified digits X in ", name, " ", digits,
                         " must be the rightmost digits"}));
  }
  const Bounds clipped{std::max(b->lo, allowed.lo),
                       std::min(b->hi, allowed.hi)};
  if (clipped.lo > clipped.hi) {
    return Error(StrCat({name, " ", digits, " out of range"}));
  }
  return clipped;
}

// Parses what may follow the fields: a qualifier, or a time of day.
// Returns the qualifier, or '\0' when there is none.
Result<char> EdtfParser::ParseSuffix(const Fields& f, bool allow_time) {
  char qualifier = '\0';
  if (Peek() == 'T') {
    VKA_RETURN_IF_ERROR(ParseTime(f, allow_time));
  } else if (IsQualifier(Peek())) {
    qualifier = text_[pos_++];
  }
  if (!AtEnd()) return Expected("end of date");
  return qualifier;
}

Status EdtfParser::ParseTime(const Fields& f, bool allow_time) {
  if (!allow_time) return Error("a time of day is not allowed in an interval");
  const bool complete = !f.day_text.empty() && f.year.lo == f.year.hi &&
                        f.month.lo == f.month.hi && f.day.lo == f.day.hi;
  if (!complete) {
    return Error("a time of day needs a complete date without X digits");
  }
  ++pos_;
  VKA_RETURN_IF_ERROR(ParseTimeField("hour", kMaxHour));
  if (!Consume(':')) return Expected("':'");
  VKA_RETURN_IF_ERROR(ParseTimeField("minute", kMaxMinute));
  if (!Consume(':')) return Expected("':'");
  VKA_RETURN_IF_ERROR(ParseTimeField("second", kMaxSecond));
  return ParseZone();
}

// Optional "Z", "+hh", "-hh", "+hh:mm" or "-hh:mm".
Status EdtfParser::ParseZone() {
  if (Consume('Z')) return OkStatus();
  if (!Consume('+') && !Consume('-')) return OkStatus();
  VKA_RETURN_IF_ERROR(ParseTimeField("time-zone hour", kMaxHour));
  if (!Consume(':')) return OkStatus();
  return ParseTimeField("time-zone minute", kMaxMinute);
}

Status EdtfParser::ParseTimeField(std::string_view name, int max) {
  const size_t start = pos_;
  const std::string_view digits = TakeWhile(IsDigit);
  if (digits.size() != kFieldDigits) {
    if (digits.size() > kFieldDigits) pos_ = start + kFieldDigits;
    return Expected(StrCat({"a 2-digit ", name}));
  }
  if ((digits[0] - '0') * 10 + (digits[1] - '0') > max) {
    return Error(StrCat({name, " ", digits, " out of range"}));
  }
  return OkStatus();
}

Result<Span> EdtfParser::Resolve(const Fields& f) const {
  if (f.season != 0) return SeasonSpan(f);
  const std::optional<DayNumber> first = FirstDay(f);
  const std::optional<DayNumber> last = LastDay(f);
  if (!first || !last) {
    return Error(StrCat({"day ", f.day_text, " does not exist in ", f.year_text,
                         "-", f.month_text}));
  }
  return Span{*first, *last};
}

// Howard Hinnant's days_from_civil
// (http://howardhinnant.github.io/date_algorithms.html), in int64_t.
DayNumber DaysFromCivil(int64_t year, unsigned month, unsigned day) {
  const int64_t m = month;
  const int64_t y = year - (m <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;  // [0, 399]
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  constexpr int64_t kDaysPerEra = 146097;
  constexpr int64_t kEpochShift = 719468;  // 0000-03-01 to 1970-01-01
  return era * kDaysPerEra + doe - kEpochShift;
}

Result<EdtfDate> EdtfDate::Parse(std::string_view text) {
  if (text.size() > kMaxInputBytes) {
    return InvalidArgumentError(StrCat(
        {"invalid EDTF date: input is ", std::to_string(text.size()),
         " bytes, more than the limit of ", std::to_string(kMaxInputBytes)}));
  }
  return EdtfParser(Normalise(text)).Parse();
}

bool operator<(const EdtfDate& a, const EdtfDate& b) {
  return std::tie(a.earliest_, a.latest_, a.text_) <
         std::tie(b.earliest_, b.latest_, b.text_);
}

bool EdtfDate::Overlaps(const EdtfDate& other) const {
  return earliest_ <= other.latest_ && other.earliest_ <= latest_;
}

}  // namespace vka::base
