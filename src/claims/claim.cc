#include "claims/claim.h"

#include <algorithm>
#include <cstdlib>

#include "base/edtf.h"
#include "claims/leaves.h"
#include "claims/workflow.h"

namespace vka::claims {
namespace {

using Leaf = std::string_view;

double ToDouble(std::string_view text) { return std::strtod(std::string(text).c_str(), nullptr); }

// Routes one leaf of an amounts-like array element ("amount" starts one).
void ReadAmountLeaf(std::vector<ClaimAmount>& list, std::string_view key, std::string_view value) {
  if (key == "amount") {
    ClaimAmount a;
    a.money.amount = a.money.low = a.money.high = ToDouble(value);
    list.push_back(std::move(a));
    return;
  }
  if (list.empty()) return;
  ClaimAmount& a = list.back();
  if (key == "currency") a.money.currency = value;
  else if (key == "form") a.form = value;
  else if (key == "high") a.money.high = ToDouble(value);
  else if (key == "low") a.money.low = ToDouble(value);
  else if (key == "method") a.method = value;
  else if (key == "property") a.property = value;
  else if (key == "year") a.money.year = static_cast<int>(ToDouble(value));
}

void ReadLeaf(ClaimFacts& f, Leaf path, Leaf value) {
  if (path.starts_with("amounts.")) return ReadAmountLeaf(f.amounts, path.substr(8), value);
  if (path.starts_with("decision.awards.")) return ReadAmountLeaf(f.awards, path.substr(16), value);
  if (path == "id") f.id = value;
  else if (path == "status") f.status = value;
  else if (path == "track") f.track = value;
  else if (path == "claimant") f.claimant = value;
  else if (path == "household.members.person") f.household.emplace_back(value);
  else if (path == "victims") f.victims.emplace_back(value);
  else if (path == "beneficiaries.person") f.beneficiaries.push_back({std::string(value), "", ""});
  else if (path == "beneficiaries.relationship" && !f.beneficiaries.empty()) f.beneficiaries.back().relationship = value;
  else if (path == "beneficiaries.victim" && !f.beneficiaries.empty()) f.beneficiaries.back().victim = value;
  else if (path == "harms") f.harms.emplace_back(value);
  else if (path == "forms") f.forms.emplace_back(value);
  else if (path == "evidence") f.evidence.emplace_back(value);
  else if (path == "place") f.place = value;
  else if (path == "filed") f.filed = value;
  else if (path == "harm_date") f.harm_date = value;
  else if (path == "decision.precedent") f.precedent = value;
  // Canonical order puts "decision" (required) first in each review.
  else if (path == "overlap_reviews.decision") f.reviews.push_back({"", std::string(value), ""});
  else if (path == "overlap_reviews.flag" && !f.reviews.empty()) f.reviews.back().flag = value;
  else if (path == "overlap_reviews.reviewer" && !f.reviews.empty()) f.reviews.back().reviewer = value;
}

void Add(std::vector<model::FieldError>& errors, std::string path, std::string message,
         std::string value = "") {
  errors.push_back({std::move(path), std::move(value), std::move(message)});
}

bool Contains(const base::Json& list, const std::string& code) {
  return list.is_array() && std::find(list.begin(), list.end(), code) != list.end();
}

// Checks one element of "amounts" or "decision.awards".
void CheckAmount(const base::Json& a, const std::string& path, const base::Json& forms,
                 const ValuationTables& tables, const Today& today,
                 std::vector<model::FieldError>& errors) {
  Money m;
  m.amount = a.value("amount", 0.0);
  m.low = a.value("low", m.amount);
  m.high = a.value("high", m.amount);
  m.currency = a.value("currency", "");
  m.year = a.value("year", 0);
  if (m.amount < 0 || m.low < 0 || m.high < 0) {
    return Add(errors, path + ".amount", "amounts must not be negative", a["amount"].dump());
  }
  if (m.low > m.amount || m.amount > m.high) {
    return Add(errors, path, "bounds must satisfy low <= amount <= high");
  }
  if (auto s = CheckCurrency(tables, m.currency); !s.ok()) {
    return Add(errors, path + ".currency", s.message(), m.currency);
  }
  if (m.year > today.year) {
    return Add(errors, path + ".year", "year " + std::to_string(m.year) + " is in the future");
  }
  if (auto v = tables.ToReference(m); !v.ok()) Add(errors, path + ".year", v.status().message());
  std::string form = a.value("form", "");
  if (forms.is_array() && !Contains(forms, form)) {
    Add(errors, path + ".form", "\"" + form + "\" is not among the claim's forms", form);
  }
}

// The earliest day of an EDTF value, or nullopt if absent or invalid (the
// schema has already reported invalid ones).
std::optional<base::EdtfDate> DateOf(const base::Json& body, const char* key) {
  if (!body.contains(key) || !body[key].is_string()) return std::nullopt;
  auto d = base::EdtfDate::Parse(body[key].get<std::string>());
  if (!d.ok()) return std::nullopt;
  return *d;
}

void CheckDates(const base::Json& body, const Today& today, std::vector<model::FieldError>& errors) {
  auto filed = DateOf(body, "filed");
  auto harm = DateOf(body, "harm_date");
  for (auto [key, date] : {std::pair{"filed", filed}, std::pair{"harm_date", harm}}) {
    if (date && date->earliest() > today.day) Add(errors, key, "date is in the future", date->text());
  }
  if (filed && harm && harm->earliest() > filed->latest()) {
    Add(errors, "harm_date", "the harm is dated after the claim was filed (" + filed->text() + ")",
        harm->text());
  }
  if (body.contains("decision") && filed) {
    if (auto d = DateOf(body["decision"], "date"); d && d->latest() < filed->earliest()) {
      Add(errors, "decision.date", "the decision is dated before the filing (" + filed->text() + ")",
          d->text());
    }
  }
}

void CheckDecision(const base::Json& body, std::vector<model::FieldError>& errors) {
  std::string status = body.value("status", "");
  bool decided = IsDecisionStatus(status) || status == "enforced" || status == "paid";
  if (!decided) return;
  const base::Json decision = body.value("decision", base::Json::object());
  if (!decision.contains("reasons")) {
    Add(errors, "decision.reasons", "a " + status + " claim needs a decision with reasons");
  }
  if (!decision.contains("date")) Add(errors, "decision.date", "a " + status + " claim needs the decision's date");
  const base::Json basis = decision.value("legal_basis", base::Json::array());
  if (!basis.is_array() || basis.empty()) {
    Add(errors, "decision.legal_basis", "a " + status + " claim's decision must cite its legal basis (KB ids, e.g. bpg.20)");
  }
}

}  // namespace

std::vector<std::string> ClaimFacts::Claimants() const {
  if (!claimant.empty()) return {claimant};
  return household;
}

base::Result<ClaimFacts> ReadClaimFacts(std::string_view canonical_body) {
  ClaimFacts facts;
  VKA_RETURN_IF_ERROR(
      VisitLeaves(canonical_body, [&facts](std::string_view path, std::string_view value) { ReadLeaf(facts, path, value); }));
  return facts;
}

std::vector<model::FieldError> CheckClaim(const base::Json& body, const ValuationTables& tables,
                                          const Today& today) {
  std::vector<model::FieldError> errors;
  if (!body.contains("claimant") && !body.contains("household")) {
    Add(errors, "claimant", "a claim needs a claimant (a person) or a household");
  }
  if (body.contains("claimant") && body.contains("household")) {
    Add(errors, "household", "give a claimant or a household, not both");
  }
  const base::Json forms = body.value("forms", base::Json());
  const base::Json amounts = body.value("amounts", base::Json::array());
  for (size_t idx = 0; idx < amounts.size(); ++idx) {
    CheckAmount(amounts[idx], "amounts[" + std::to_string(idx) + "]", forms, tables, today, errors);
  }
  if (body.contains("decision")) {
    const base::Json awards = body["decision"].value("awards", base::Json::array());
    for (size_t idx = 0; idx < awards.size(); ++idx) {
      CheckAmount(awards[idx], "decision.awards[" + std::to_string(idx) + "]", forms, tables, today,
                  errors);
    }
  }
  CheckDates(body, today, errors);
  CheckDecision(body, errors);
  return errors;
}

}  // namespace vka::claims
