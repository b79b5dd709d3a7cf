#include "claims/summary.h"

#include "base/edtf.h"

namespace vka::claims {
namespace {

constexpr const char* kUnknown = "unknown";

void AddAmounts(const std::vector<ClaimAmount>& amounts, const ValuationTables& tables,
                const std::string* only_form, Interval& sum, int64_t& unvalued) {
  for (const auto& a : amounts) {
    if (only_form != nullptr && a.form != *only_form) continue;
    auto v = tables.ToReference(a.money);
    if (!v.ok()) {
      ++unvalued;
      continue;
    }
    sum += *v;
  }
}

}  // namespace

base::Result<GroupBy> ParseGroupBy(std::string_view text) {
  if (text.empty()) return GroupBy::kNone;
  if (text == "status") return GroupBy::kStatus;
  if (text == "form") return GroupBy::kForm;
  if (text == "place") return GroupBy::kPlace;
  if (text == "period") return GroupBy::kPeriod;
  return base::InvalidArgumentError("--by must be status, form, place or period, not \"" +
                                    std::string(text) + "\"");
}

std::string PeriodOf(const std::string& edtf) {
  if (edtf.empty()) return kUnknown;
  auto d = base::EdtfDate::Parse(edtf);
  if (!d.ok() || d->start_open()) return kUnknown;
  // EDTF dates are at least YYYY; the normalised text starts with the year
  // of the earliest day unless it is an interval with an open start.
  return d->text().substr(0, 4);
}

void Summarizer::AddTo(SummaryRow& row, const ClaimFacts& claim, const std::string* only_form) {
  ++row.claims;
  AddAmounts(claim.amounts, tables_, only_form, row.claimed, row.unvalued);
  AddAmounts(claim.awards, tables_, only_form, row.awarded, row.unvalued);
}

void Summarizer::Add(const ClaimFacts& claim) {
  AddTo(total_, claim, nullptr);
  auto group = [this](const std::string& key) -> SummaryRow& {
    SummaryRow& row = groups_[key.empty() ? kUnknown : key];
    row.key = key.empty() ? kUnknown : key;
    return row;
  };
  switch (by_) {
    case GroupBy::kNone:
      return;
    case GroupBy::kStatus:
      return AddTo(group(claim.status), claim, nullptr);
    case GroupBy::kPlace:
      return AddTo(group(claim.place), claim, nullptr);
    case GroupBy::kPeriod:
      return AddTo(group(PeriodOf(claim.harm_date)), claim, nullptr);
    case GroupBy::kForm:
      if (claim.forms.empty()) return AddTo(group(""), claim, nullptr);
      for (const auto& form : claim.forms) AddTo(group(form), claim, &form);
      return;
  }
}

Summary Summarizer::Finish() const {
  Summary s;
  s.reference_currency = tables_.reference_currency();
  s.reference_year = tables_.reference_year();
  s.tables_version = tables_.version();
  s.by = by_;
  for (const auto& [key, row] : groups_) s.rows.push_back(row);
  s.total = total_;
  s.total.key = "total";
  return s;
}

}  // namespace vka::claims
