#include "linkage/comparators.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "base/edtf.h"

namespace vka::linkage {
namespace {

constexpr double kWinklerScale = 0.1;
constexpr size_t kWinklerPrefix = 4;
constexpr size_t kMaxJaroLength = 64;  // longer strings use a heap buffer

int32_t YearOfDay(int64_t day) {
  // Inverse of base::DaysFromCivil (Howard Hinnant's algorithm), year only.
  constexpr int64_t kEraDays = 146097;
  int64_t z = day + 719468;
  int64_t era = (z >= 0 ? z : z - kEraDays + 1) / kEraDays;
  int64_t doe = z - era * kEraDays;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  return static_cast<int32_t>(month <= 2 ? y + 1 : y);
}

bool IsDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Levels for two exact days that differ: a single changed digit, or day and
// month swapped, is a typo.
bool IsDateTypo(uint32_t a, uint32_t b) {
  std::string sa = std::to_string(a), sb = std::to_string(b);
  if (BoundedLevenshtein(sa, sb, 1) <= 1) return true;
  uint32_t swapped = (a / 10000) * 10000 + (a % 100) * 100 + (a / 100) % 100;
  return swapped == b;
}

}  // namespace

double JaroWinkler(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() > b.size()) std::swap(a, b);
  const size_t window = std::max<size_t>(b.size() / 2, 1) - 1;
  // Matched flags as bit sets: one word for short strings (the usual case),
  // a heap buffer beyond.
  const size_t words_a = (a.size() + 63) / 64, words_b = (b.size() + 63) / 64;
  uint64_t small_a = 0, small_b = 0;
  std::vector<uint64_t> big_a, big_b;
  uint64_t* used_a = &small_a;
  uint64_t* used_b = &small_b;
  if (b.size() > kMaxJaroLength) {
    big_a.assign(words_a, 0);
    big_b.assign(words_b, 0);
    used_a = big_a.data();
    used_b = big_b.data();
  }
  auto test = [](const uint64_t* bits, size_t i) { return (bits[i >> 6] >> (i & 63)) & 1; };
  auto set = [](uint64_t* bits, size_t i) { bits[i >> 6] |= uint64_t{1} << (i & 63); };
  size_t matches = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    size_t lo = i > window ? i - window : 0;
    size_t hi = std::min(i + window + 1, b.size());
    for (size_t j = lo; j < hi; ++j) {
      if (a[i] == b[j] && !test(used_b, j)) {
        set(used_a, i);
        set(used_b, j);
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t transpositions = 0, k = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!test(used_a, i)) continue;
    while (!test(used_b, k)) ++k;
    if (a[i] != b[k]) ++transpositions;
    ++k;
  }
  double m = static_cast<double>(matches);
  double jaro = (m / a.size() + m / b.size() + (m - transpositions / 2.0) / m) / 3.0;
  size_t prefix = 0;
  while (prefix < kWinklerPrefix && prefix < a.size() && a[prefix] == b[prefix]) ++prefix;
  return jaro + prefix * kWinklerScale * (1.0 - jaro);
}

int BoundedLevenshtein(std::string_view a, std::string_view b, int bound) {
  if (a.size() > b.size()) std::swap(a, b);
  const int n = static_cast<int>(a.size()), m = static_cast<int>(b.size());
  if (m - n > bound) return bound + 1;
  const int kInf = bound + 1;
  std::vector<int> prev(n + 1), cur(n + 1);
  for (int i = 0; i <= n; ++i) prev[i] = std::min(i, kInf);
  for (int j = 1; j <= m; ++j) {
    int lo = std::max(1, j - bound), hi = std::min(n, j + bound);
    cur[0] = std::min(j, kInf);
    if (lo > 1) cur[lo - 1] = kInf;
    int row_min = cur[0];
    for (int i = lo; i <= hi; ++i) {
      int sub = prev[i - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      int del = (i < j + bound ? prev[i] : kInf) + 1;
      int ins = cur[i - 1] + 1;
      cur[i] = std::min({sub, del, ins, kInf});
      row_min = std::min(row_min, cur[i]);
    }
    if (hi < n) cur[hi + 1] = kInf;
    if (row_min >= kInf) return kInf;
    std::swap(prev, cur);
  }
  return std::min(prev[n], kInf);
}

double TokenJaccard(std::string_view a, std::string_view b) {
  auto split = [](std::string_view s) {
    std::vector<std::string_view> words;
    size_t start = 0;
    while (start < s.size()) {
      size_t end = s.find(' ', start);
      if (end == std::string_view::npos) end = s.size();
      if (end > start) words.push_back(s.substr(start, end - start));
      start = end + 1;
    }
    std::sort(words.begin(), words.end());
    words.erase(std::unique(words.begin(), words.end()), words.end());
    return words;
  };
  std::vector<std::string_view> wa = split(a), wb = split(b);
  if (wa.empty() && wb.empty()) return 1.0;
  std::vector<std::string_view> common;
  std::set_intersection(wa.begin(), wa.end(), wb.begin(), wb.end(), std::back_inserter(common));
  size_t unions = wa.size() + wb.size() - common.size();
  return static_cast<double>(common.size()) / static_cast<double>(unions);
}

std::optional<DateValue> ParseDateValue(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  std::string iso;
  constexpr size_t kCompactLength = 8;
  if (text.size() == kCompactLength && IsDigits(text)) {
    iso = std::string(text.substr(0, 4)) + "-" + std::string(text.substr(4, 2)) + "-" +
          std::string(text.substr(6, 2));
    text = iso;
  }
  base::Result<base::EdtfDate> d = base::EdtfDate::Parse(text);
  if (!d.ok() || d->start_open() || d->end_open()) return std::nullopt;
  DateValue v;
  v.earliest = d->earliest();
  v.latest = d->latest();
  v.exact_day = v.earliest == v.latest;
  v.year_lo = YearOfDay(v.earliest);
  v.year_hi = YearOfDay(v.latest);
  if (v.exact_day && !d->is_interval() && d->text().size() >= 10) {
    std::string digits;
    for (char c : d->text().substr(0, 10)) {
      if (c >= '0' && c <= '9') digits += c;
    }
    if (digits.size() == kCompactLength) v.digits = static_cast<uint32_t>(std::stoul(digits));
  }
  return v;
}

DateLevel CompareDates(const DateValue& a, const DateValue& b) {
  if (a.exact_day && b.exact_day) {
    if (a.earliest == b.earliest) return DateLevel::kExactDay;
    if (a.digits != 0 && b.digits != 0 && IsDateTypo(a.digits, b.digits)) return DateLevel::kTypo;
    if (a.year_lo == b.year_lo) return DateLevel::kOtherDay;
  }
  bool overlap = a.earliest <= b.latest && b.earliest <= a.latest;
  if (overlap && a.year_lo == a.year_hi && b.year_lo == b.year_hi) return DateLevel::kSameYear;
  int32_t gap = 0;
  if (a.year_hi < b.year_lo) gap = b.year_lo - a.year_hi;
  if (b.year_hi < a.year_lo) gap = a.year_lo - b.year_hi;
  if (a.year_lo == a.year_hi && b.year_lo == b.year_hi && gap == 0) return DateLevel::kSameYear;
  if (gap == 1) return DateLevel::kYearOff1;
  if (overlap) return DateLevel::kOverlap;
  return DateLevel::kDifferent;
}

}  // namespace vka::linkage
