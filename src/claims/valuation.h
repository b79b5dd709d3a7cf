#pragma once

// Valuation of claimed amounts in one reference currency and year, with
// uncertainty carried through (docs/claims.md "Valuation"; the table format
// is in docs/formats/claims.md). Pure; no I/O.
//
// An amount A (with bounds [A_low, A_high]; both A when not given) in
// currency C of year Y becomes reference money as
//   mid  = A      / rate_mid(C, Y)  * index_mid(Y)
//   low  = A_low  / rate_high(C, Y) * index_low(Y)
//   high = A_high / rate_low(C, Y)  * index_high(Y)
// Bounds are interval arithmetic: a total's bounds are the sums of its
// parts' bounds (the range if every part took its worst value, not a
// statistical interval).

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/json.h"
#include "base/status.h"

namespace vka::claims {

// A value with its bounds. REQUIRES (kept by every function here):
// low <= mid <= high.
struct Interval {
  double mid = 0;
  double low = 0;
  double high = 0;

  Interval& operator+=(const Interval& other) {
    mid += other.mid;
    low += other.low;
    high += other.high;
    return *this;
  }
};

// One claimed amount as written in a claim.
struct Money {
  double amount = 0;
  double low = 0;   // == amount when the claim gives no bounds
  double high = 0;
  std::string currency;  // ISO 4217 code, "SUR" for the Soviet rouble
  int year = 0;          // the year whose money the amount is in
};

class ValuationTables {
 public:
  // The built-in tables (data/claims/valuation.toml, embedded). kInternal if
  // they do not parse (a build problem).
  static base::Result<ValuationTables> BuiltIn();

  // Parses a table file. kInvalidArgument "<origin>: <what>" for malformed
  // TOML, a missing or non-positive number, low > mid or mid > high, a rate
  // for an unlisted currency, or a duplicate (currency, year).
  static base::Result<ValuationTables> Parse(std::string_view text, std::string_view origin);

  const std::string& version() const { return version_; }
  const std::string& reference_currency() const { return reference_currency_; }
  int reference_year() const { return reference_year_; }
  bool KnowsCurrency(std::string_view code) const { return currencies_.contains(std::string(code)); }
  // The listed currency codes, sorted.
  std::vector<std::string> Currencies() const;

  // Converts to reference money. kInvalidArgument for a negative amount,
  // bounds that do not contain the amount, or an unknown currency;
  // kNotFound "no rate for SUR in 1975 (tables <version>)" when the table
  // lacks the rate or the index for the year.
  base::Result<Interval> ToReference(const Money& money) const;

 private:
  struct Triple {
    double mid, low, high;
  };
  base::Status Load(const std::string& origin, const base::Json& doc);

  std::string version_;
  std::string reference_currency_;
  int reference_year_ = 0;
  std::map<std::string, std::string> currencies_;  // code -> name
  std::map<std::pair<std::string, int>, Triple> rates_;
  std::map<int, Triple> index_;
};

// Checks a currency code's form (three upper-case ASCII letters) and that
// the tables know it. kInvalidArgument naming the code and the known ones.
base::Status CheckCurrency(const ValuationTables& tables, std::string_view code);

}  // namespace vka::claims
