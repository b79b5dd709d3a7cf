#include "claims/valuation.h"

#include <cmath>

#include "base/toml.h"
#include "claims/internal/embedded.h"

namespace vka::claims {
namespace {

constexpr size_t kCurrencyCodeLength = 3;

base::Status Bad(const std::string& origin, const std::string& what) {
  return base::InvalidArgumentError(origin + ": " + what);
}

base::Result<double> PositiveNumber(const base::Json& entry, const char* key,
                                    const std::string& where) {
  auto it = entry.find(key);
  if (it == entry.end() || !it->is_number()) {
    return base::InvalidArgumentError(where + ": \"" + key + "\" must be a number");
  }
  double v = it->get<double>();
  if (!(v > 0) || !std::isfinite(v)) {
    return base::InvalidArgumentError(where + ": \"" + key + "\" must be positive");
  }
  return v;
}

std::string Describe(const std::string& table, size_t idx) {
  return table + "[" + std::to_string(idx) + "]";
}

}  // namespace

base::Result<ValuationTables> ValuationTables::BuiltIn() {
  for (const auto& file : internal::EmbeddedClaimsFiles()) {
    if (file.name != "valuation.toml") continue;
    auto tables = Parse(file.contents, "data/claims/valuation.toml");
    if (!tables.ok()) return base::InternalError("built-in valuation tables: " + tables.status().message());
    return tables;
  }
  return base::InternalError("data/claims/valuation.toml is not embedded");
}

base::Result<ValuationTables> ValuationTables::Parse(std::string_view text,
                                                     std::string_view origin) {
  VKA_ASSIGN_OR_RETURN(toml::table table, base::ParseToml(text, origin));
  VKA_ASSIGN_OR_RETURN(base::Json doc, base::TomlToJson(table, origin));
  ValuationTables tables;
  VKA_RETURN_IF_ERROR(tables.Load(std::string(origin), doc));
  return tables;
}

base::Status ValuationTables::Load(const std::string& origin, const base::Json& doc) {
  if (!doc.contains("version") || !doc["version"].is_string()) return Bad(origin, "\"version\" is missing");
  if (!doc.contains("reference_currency") || !doc.contains("reference_year") ||
      !doc["reference_year"].is_number_integer()) {
    return Bad(origin, "\"reference_currency\" and \"reference_year\" are required");
  }
  version_ = doc["version"];
  reference_currency_ = doc["reference_currency"];
  reference_year_ = doc["reference_year"];
  for (const auto& c : doc.value("currency", base::Json::array())) {
    std::string code = c.value("code", "");
    if (code.size() != kCurrencyCodeLength) return Bad(origin, "currency code \"" + code + "\" is not 3 letters");
    currencies_[code] = c.value("name", code);
  }
  if (!KnowsCurrency(reference_currency_)) return Bad(origin, "the reference currency is not listed");
  auto triple = [&](const base::Json& e, const std::string& where) -> base::Result<Triple> {
    VKA_ASSIGN_OR_RETURN(double mid, PositiveNumber(e, "mid", where));
    VKA_ASSIGN_OR_RETURN(double low, PositiveNumber(e, "low", where));
    VKA_ASSIGN_OR_RETURN(double high, PositiveNumber(e, "high", where));
    if (low > mid || mid > high) return Bad(origin, where + ": needs low <= mid <= high");
    return Triple{mid, low, high};
  };
  const base::Json rates = doc.value("rate", base::Json::array());
  for (size_t idx = 0; idx < rates.size(); ++idx) {
    std::string where = origin + ": " + Describe("rate", idx);
    std::string currency = rates[idx].value("currency", "");
    if (!KnowsCurrency(currency)) return Bad(where, "currency \"" + currency + "\" is not listed");
    int year = rates[idx].value("year", 0);
    VKA_ASSIGN_OR_RETURN(Triple t, triple(rates[idx], where));
    if (!rates_.emplace(std::pair{currency, year}, t).second) return Bad(where, "duplicate rate");
  }
  const base::Json index = doc.value("index", base::Json::array());
  for (size_t idx = 0; idx < index.size(); ++idx) {
    std::string where = origin + ": " + Describe("index", idx);
    VKA_ASSIGN_OR_RETURN(Triple t, triple(index[idx], where));
    if (!index_.emplace(index[idx].value("year", 0), t).second) return Bad(where, "duplicate year");
  }
  return base::OkStatus();
}

std::vector<std::string> ValuationTables::Currencies() const {
  std::vector<std::string> out;
  for (const auto& [code, name] : currencies_) out.push_back(code);
  return out;
}

base::Result<Interval> ValuationTables::ToReference(const Money& money) const {
  VKA_RETURN_IF_ERROR(CheckCurrency(*this, money.currency));
  if (money.amount < 0 || money.low < 0) {
    return base::InvalidArgumentError("amount must not be negative");
  }
  if (money.low > money.amount || money.amount > money.high) {
    return base::InvalidArgumentError("bounds must satisfy low <= amount <= high");
  }
  auto rate = rates_.find({money.currency, money.year});
  if (rate == rates_.end()) {
    return base::NotFoundError("no rate for " + money.currency + " in " + std::to_string(money.year) +
                               " (valuation tables " + version_ + ")");
  }
  auto index = index_.find(money.year);
  if (index == index_.end()) {
    return base::NotFoundError("no price index for " + std::to_string(money.year) +
                               " (valuation tables " + version_ + ")");
  }
  const Triple& r = rate->second;
  const Triple& i = index->second;
  return Interval{money.amount / r.mid * i.mid, money.low / r.high * i.low,
                  money.high / r.low * i.high};
}

base::Status CheckCurrency(const ValuationTables& tables, std::string_view code) {
  bool well_formed = code.size() == kCurrencyCodeLength;
  for (char c : code) well_formed = well_formed && c >= 'A' && c <= 'Z';
  if (well_formed && tables.KnowsCurrency(code)) return base::OkStatus();
  std::string known;
  for (const auto& c : tables.Currencies()) known += (known.empty() ? "" : ", ") + c;
  return base::InvalidArgumentError("invalid currency \"" + std::string(code) + "\" (known: " + known +
                                    "; see data/claims/valuation.toml)");
}

}  // namespace vka::claims
