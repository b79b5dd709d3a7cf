#include "claims/summary.h"

#include <charconv>

#include "base/edtf.h"
#include "claims/leaves.h"

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

double ToDouble(std::string_view text) {
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

// The next element of a reused list: an old one (its strings keep their
// capacity) or a new one.
template <typename T>
T& NextOf(std::vector<T>& list, size_t& used) {
  if (used == list.size()) list.emplace_back();
  return list[used++];
}

// Fills a reused ClaimFacts with the fields Summarizer::Add reads, leaf by
// leaf, as ReadClaimFacts does (claim.cc): "amount" starts an element of
// amounts or awards, as it comes first in canonical order.
class SummaryReader {
 public:
  explicit SummaryReader(ClaimFacts& claim) : claim_(claim) {
    claim_.status.clear();
    claim_.place.clear();
    claim_.harm_date.clear();
  }

  void operator()(std::string_view path, std::string_view value) {
    if (path.starts_with("amounts.")) return Amount(claim_.amounts, amounts_, path.substr(8), value);
    if (path.starts_with("decision.awards.")) return Amount(claim_.awards, awards_, path.substr(16), value);
    if (path == "forms") NextOf(claim_.forms, forms_).assign(value);
    else if (path == "status") claim_.status.assign(value);
    else if (path == "place") claim_.place.assign(value);
    else if (path == "harm_date") claim_.harm_date.assign(value);
  }

  // Drops the elements a previous claim left.
  void Finish() {
    claim_.forms.resize(forms_);
    claim_.amounts.resize(amounts_);
    claim_.awards.resize(awards_);
  }

 private:
  static void Amount(std::vector<ClaimAmount>& list, size_t& used, std::string_view key, std::string_view value) {
    if (key == "amount") {
      ClaimAmount& a = NextOf(list, used);
      a.money.amount = a.money.low = a.money.high = ToDouble(value);
      a.money.currency.clear();
      a.money.year = 0;
      a.form.clear();
      return;
    }
    if (used == 0) return;
    ClaimAmount& a = list[used - 1];
    if (key == "currency") a.money.currency.assign(value);
    else if (key == "form") a.form.assign(value);
    else if (key == "high") a.money.high = ToDouble(value);
    else if (key == "low") a.money.low = ToDouble(value);
    else if (key == "year") a.money.year = static_cast<int>(ToDouble(value));
  }

  ClaimFacts& claim_;
  size_t forms_ = 0, amounts_ = 0, awards_ = 0;
};

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

base::Status Summarizer::AddBody(std::string_view canonical_body) {
  SummaryReader reader(scratch_);
  VKA_RETURN_IF_ERROR(VisitLeaves(canonical_body, reader));
  reader.Finish();
  Add(scratch_);
  return base::OkStatus();
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
