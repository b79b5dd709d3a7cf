#include "report/claim_statement.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "base/json.h"
#include "base/toml.h"
#include "claims/summary.h"
#include "claims/workflow.h"
#include "report/internal/embedded_statement.h"

namespace vka::report {
namespace {

using Labels = std::map<std::string, std::string, std::less<>>;
using LabelSets = std::map<std::string, Labels, std::less<>>;

constexpr std::string_view kLabelsFile = "statement.toml";
constexpr size_t kDateChars = 10;  // "2026-11-29" of an RFC 3339 time

base::Result<LabelSets> ParseLabels() {
  for (const base::EmbeddedFile& f : internal::EmbeddedStatementFiles()) {
    if (f.name != kLabelsFile) continue;
    auto root = base::ParseToml(f.contents, f.name);
    if (!root.ok()) return base::InternalError(root.status().message());
    auto json = base::TomlToJson(*root, f.name);
    if (!json.ok()) return base::InternalError(json.status().message());
    LabelSets sets;
    for (const std::string& lang : ClaimStatementLanguages()) {
      auto table = json->find(lang);
      if (table == json->end() || !table->is_object()) {
        return base::InternalError(std::string(kLabelsFile) + ": no [" + lang + "] table");
      }
      for (const auto& [key, value] : table->items()) {
        if (!value.is_string()) {
          return base::InternalError(std::string(kLabelsFile) + ": [" + lang + "] " + key +
                                     " is not text");
        }
        sets[lang][key] = value.get<std::string>();
      }
    }
    for (const auto& [lang, labels] : sets) {
      for (const auto& [key, unused] : sets["en"]) {
        if (!labels.contains(key)) {
          return base::InternalError(std::string(kLabelsFile) + ": [" + lang + "] lacks \"" + key +
                                     "\"");
        }
      }
    }
    return sets;
  }
  return base::InternalError(std::string(kLabelsFile) + " is not embedded");
}

const base::Result<LabelSets>& AllLabels() {
  static const base::Result<LabelSets> labels = ParseLabels();
  return labels;
}

// Replaces each "{name}" of text by its value.
std::string Fill(std::string text, const std::vector<std::pair<std::string, std::string>>& values) {
  for (const auto& [name, value] : values) {
    const std::string marker = "{" + name + "}";
    for (size_t at = text.find(marker); at != std::string::npos;
         at = text.find(marker, at + value.size())) {
      text.replace(at, marker.size(), value);
    }
  }
  return text;
}

// An amount as claimed: whole, or with cents when it has them.
std::string Number(double v) {
  char buf[48];
  if (std::fabs(v - std::round(v)) < 0.005) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
  }
  return buf;
}

// Reference money, in whole units: its bounds are far wider than a cent.
std::string Whole(double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string Range(const claims::Interval& v) {
  return Whole(v.mid) + " (" + Whole(v.low) + "–" + Whole(v.high) + ")";
}

std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : sep) + item;
  return out;
}

std::string PreferredScript(const std::string& lang) {
  if (lang == "hy") return "Armn";
  if (lang == "ru") return "Cyrl";
  return "Latn";
}

int PartOrder(const std::string& part) {
  if (part == "given") return 0;
  if (part == "patronymic") return 1;
  if (part == "family") return 2;
  return 3;
}

// Everything the statement's parts need: the input, the labels of its
// language and the tables.
class StatementWriter {
 public:
  StatementWriter(const ClaimStatementInput& in, const Labels& labels,
                  const claims::ValuationTables& tables, const model::VocabularySet& vocab)
      : in_(in), labels_(labels), tables_(tables), vocab_(vocab) {}

  Document Build() {
    DocumentBuilder doc(L("title"), in_.registry_name + " · " + in_.claim.id);
    doc.Lang(in_.lang);
    std::string footer =
        Fill(L("footer"), {{"id", in_.claim.id}, {"rev", std::to_string(in_.revision)}});
    doc.Footer(in_.synthetic ? L("synthetic") + " · " + footer : footer);
    doc.PageLabel(L("page_label"));
    if (in_.synthetic) doc.P(L("synthetic"));
    Overview(doc);
    History(doc);
    Persons(doc);
    Harms(doc);
    Forms(doc);
    Valuation(doc);
    Decision(doc);
    Deadlines(doc);
    doc.H1(L("h_evidence"))
        .P(Fill(L("evidence_count"), {{"count", std::to_string(in_.claim.evidence.size())}}));
    Verification(doc);
    return doc.Build();
  }

 private:
  const std::string& L(std::string_view key) const {
    auto it = labels_.find(key);
    return it == labels_.end() ? Missing()
                               : it->second;  // keys are checked by CheckClaimStatementLabels
  }
  static const std::string& Missing() {
    static const std::string missing = "?";
    return missing;
  }
  std::string OrNone(const std::string& text) const { return text.empty() ? L("none") : text; }

  // The label of a code in the statement's language, else the code.
  std::string Code(std::string_view vocabulary, const std::string& code) const {
    if (code.empty()) return L("none");
    const model::Vocabulary* v = vocab_.Find(vocabulary);
    const model::Term* term = v == nullptr ? nullptr : v->Find(code);
    if (term == nullptr) return code;
    const std::string& label = in_.lang == "hy" ? term->hy : in_.lang == "ru" ? term->ru : term->en;
    return label.empty() ? term->en : label;
  }

  std::string Reference(const claims::Money& money) const {
    auto value = tables_.ToReference(money);
    return value.ok() ? Range(*value) : L("none");
  }

  std::string MoneyText(const claims::Money& m) const {
    std::string text = Number(m.amount);
    if (m.low != m.amount || m.high != m.amount)
      text += " (" + Number(m.low) + "–" + Number(m.high) + ")";
    return text;
  }

  std::string NameOf(const StatementPerson& person) const {
    if (person.names.empty()) return person.id;
    std::string script = PreferredScript(in_.lang);
    auto has = [&](const std::string& s) {
      return std::any_of(person.names.begin(), person.names.end(),
                         [&](const StatementName& n) { return n.script == s; });
    };
    if (!has(script)) script = person.names.front().script;
    std::vector<const StatementName*> chosen;
    for (const auto& n : person.names) {
      if (n.script == script) chosen.push_back(&n);
    }
    std::stable_sort(chosen.begin(), chosen.end(),
                     [](const StatementName* a, const StatementName* b) {
                       return PartOrder(a->part) < PartOrder(b->part);
                     });
    std::string name;
    for (const StatementName* n : chosen) name += (name.empty() ? "" : " ") + n->value;
    return name;
  }

  std::string NameOfId(const std::string& id) const {
    for (const auto& p : in_.persons) {
      if (p.id == id) return NameOf(p);
    }
    return id;
  }

  std::string RoleLabel(StatementPerson::Role role) const {
    switch (role) {
      case StatementPerson::Role::kClaimant:
        return L("role_claimant");
      case StatementPerson::Role::kHouseholdMember:
        return L("role_household_member");
      case StatementPerson::Role::kVictim:
        return L("role_victim");
      case StatementPerson::Role::kBeneficiary:
        return L("role_beneficiary");
      case StatementPerson::Role::kRepresentative:
        return L("role_representative");
    }
    return "";
  }

  void Overview(DocumentBuilder& doc) const {
    Table t;
    t.widths = {1, 2};
    t.rows = {{L("registry"), in_.registry_name},
              {L("claim"), in_.claim.id},
              {L("status"), Code("claim_status", in_.claim.status)},
              {L("track"), Code("claim_track", in_.claim.track)},
              {L("filed"), OrNone(in_.claim.filed)},
              {L("harm_date"), OrNone(in_.claim.harm_date)},
              {L("issued"), in_.issued_at.substr(0, kDateChars)}};
    doc.AddTable(std::move(t));
  }

  void History(DocumentBuilder& doc) const {
    Table t;
    t.header = {L("col_date"), L("col_status"), L("col_reason"), L("col_revision")};
    t.widths = {1.2, 1.5, 3, 0.8};
    for (size_t idx = 0; idx < in_.history.size(); ++idx) {
      const auto& h = in_.history[idx];
      std::string reason = h.reason.empty() && idx == 0 ? L("created") : OrNone(h.reason);
      t.rows.push_back({h.at.substr(0, kDateChars), Code("claim_status", h.status), reason,
                        std::to_string(h.rev)});
    }
    doc.H1(L("h_history")).AddTable(std::move(t));
  }

  std::string PersonDetails(const StatementPerson& p) const {
    std::vector<std::string> details;
    if (!p.relationship.empty()) details.push_back(Code("relationship", p.relationship));
    if (!p.victim.empty()) details.push_back(L("role_victim") + ": " + NameOfId(p.victim));
    if (in_.include_sensitive) {
      for (const auto& [field, value] : p.sensitive) {
        auto label = labels_.find("field_" + field);
        details.push_back((label == labels_.end() ? field : label->second) + ": " + value);
      }
    }
    return Join(details, "; ");
  }

  void Persons(DocumentBuilder& doc) const {
    doc.H1(L("h_persons"));
    if (!in_.household_name.empty()) doc.P(L("household") + ": " + in_.household_name);
    Table t;
    t.header = {L("col_name"), L("col_role"), L("col_born"), L("col_details")};
    t.widths = {2, 1.3, 1, 2.5};
    bool left_out = false;
    for (const auto& p : in_.persons) {
      t.rows.push_back({NameOf(p), RoleLabel(p.role), OrNone(p.birth), PersonDetails(p)});
      left_out = left_out || (!in_.include_sensitive && !p.sensitive.empty());
    }
    doc.AddTable(std::move(t));
    if (left_out) doc.P(L("sensitive_left_out"));
  }

  std::string HarmDetails(const StatementHarm& h) const {
    std::vector<std::string> details;
    if (h.kind == "act") details.push_back(Code("act_type", h.type));
    if (h.kind == "property") {
      details.push_back(Code("property_type", h.type));
      if (!h.address.empty()) details.push_back(L("address") + ": " + h.address);
      if (!h.registry_reference.empty())
        details.push_back(L("registry_reference") + ": " + h.registry_reference);
      if (!h.tenure.empty()) details.push_back(L("tenure") + ": " + Code("tenure_type", h.tenure));
      if (!h.dispossession.empty()) {
        details.push_back(L("dispossession") + ": " +
                          Code("dispossession_mechanism", h.dispossession));
      }
    }
    if (h.kind == "displacement") {
      if (!h.type.empty()) details.push_back(Code("displacement_circumstance", h.type));
      if (!h.from.empty()) details.push_back(L("from") + ": " + h.from);
      if (!h.to.empty()) details.push_back(L("to") + ": " + h.to);
    }
    return Join(details, "; ");
  }

  void Harms(DocumentBuilder& doc) const {
    doc.H1(L("h_harms"));
    if (in_.harms.empty()) {
      doc.P(L("no_harms"));
      return;
    }
    Table t;
    t.header = {L("col_record"), L("col_kind"), L("col_details"), L("col_date")};
    t.widths = {2.8, 1, 3, 1};
    for (const auto& h : in_.harms) {
      t.rows.push_back({h.id, L("kind_" + h.kind), HarmDetails(h), OrNone(h.date)});
    }
    doc.AddTable(std::move(t));
  }

  std::vector<std::pair<std::string, std::string>> ReferenceUnit() const {
    return {{"currency", tables_.reference_currency()},
            {"year", std::to_string(tables_.reference_year())}};
  }

  Table AmountTable(const std::vector<claims::ClaimAmount>& amounts) const {
    Table t;
    t.header = {L("col_form"), L("col_amount"), L("col_money"),
                Fill(L("col_reference"), ReferenceUnit())};
    t.widths = {2, 1.6, 1, 1.6};
    for (const auto& a : amounts) {
      t.rows.push_back({Code("reparation_form", a.form), MoneyText(a.money),
                        a.money.currency + " " + std::to_string(a.money.year), Reference(a.money)});
    }
    return t;
  }

  void Forms(DocumentBuilder& doc) const {
    doc.H1(L("h_forms"));
    std::vector<std::string> forms;
    for (const auto& f : in_.claim.forms) forms.push_back(Code("reparation_form", f));
    doc.P(L("forms_sought") + ": " + (forms.empty() ? L("none") : Join(forms)));
    if (in_.claim.amounts.empty()) {
      doc.P(L("no_amounts"));
      return;
    }
    doc.AddTable(AmountTable(in_.claim.amounts));
  }

  std::string Total(const char* key, const claims::Interval& v) const {
    auto values = ReferenceUnit();
    values.insert(values.end(),
                  {{"mid", Whole(v.mid)}, {"low", Whole(v.low)}, {"high", Whole(v.high)}});
    return Fill(L(key), values);
  }

  void Valuation(DocumentBuilder& doc) const {
    claims::Summarizer one(tables_, claims::GroupBy::kNone);
    one.Add(in_.claim);
    claims::SummaryRow total = one.Finish().total;
    doc.H1(L("h_valuation")).P(Total("claimed_total", total.claimed));
    if (!in_.claim.awards.empty()) doc.P(Total("awarded_total", total.awarded));
    if (total.unvalued > 0) doc.P(Fill(L("unvalued"), {{"count", std::to_string(total.unvalued)}}));
    doc.P(Fill(L("valuation_note"), {{"tables", tables_.version()}}));
  }

  std::string Outcome() const {
    for (auto it = in_.history.rbegin(); it != in_.history.rend(); ++it) {
      if (claims::IsDecisionStatus(it->status)) return Code("claim_status", it->status);
    }
    return Code("claim_status", in_.claim.status);
  }

  void Decision(DocumentBuilder& doc) const {
    doc.H1(L("h_decision"));
    const StatementDecision& d = in_.decision;
    if (d.date.empty() && d.reasons.empty()) {
      doc.P(L("no_decision"));
      return;
    }
    Table t;
    t.widths = {1, 2};
    t.rows = {{L("outcome"), Outcome()},
              {L("decision_date"), OrNone(d.date)},
              {L("reasons"), OrNone(d.reasons)},
              {L("legal_basis"), d.legal_basis.empty() ? L("none") : Join(d.legal_basis)}};
    if (!in_.claim.precedent.empty()) t.rows.push_back({L("precedent"), in_.claim.precedent});
    doc.AddTable(std::move(t));
    if (!in_.claim.awards.empty()) doc.H2(L("awards")).AddTable(AmountTable(in_.claim.awards));
  }

  void Deadlines(DocumentBuilder& doc) const {
    doc.H1(L("h_deadlines"));
    if (in_.deadlines.empty()) {
      doc.P(L("no_deadlines"));
      return;
    }
    Table t;
    t.header = {L("col_what"), L("col_due")};
    t.widths = {3, 1};
    for (const auto& d : in_.deadlines) t.rows.push_back({d.what, d.due});
    doc.AddTable(std::move(t));
  }

  void Verification(DocumentBuilder& doc) const {
    const std::string rev = std::to_string(in_.revision);
    Table t;
    t.widths = {1, 3};
    t.rows = {
        {L("claim"), in_.claim.id}, {L("col_revision"), rev}, {L("commitment"), in_.commitment}};
    doc.H1(L("h_verify"))
        .P(Fill(L("verify_text"), {{"id", in_.claim.id}, {"rev", rev}}))
        .AddTable(std::move(t))
        .Pre("vka log leaf " + in_.claim.id + "@" + rev);
  }

  const ClaimStatementInput& in_;
  const Labels& labels_;
  const claims::ValuationTables& tables_;
  const model::VocabularySet& vocab_;
};

}  // namespace

const std::vector<std::string>& ClaimStatementLanguages() {
  static const std::vector<std::string> languages = {"en", "hy", "ru"};
  return languages;
}

base::Status CheckClaimStatementLabels() { return AllLabels().status(); }

base::Result<Document> BuildClaimStatement(const ClaimStatementInput& input,
                                           const claims::ValuationTables& tables,
                                           const model::VocabularySet& vocab) {
  const auto& languages = ClaimStatementLanguages();
  if (std::find(languages.begin(), languages.end(), input.lang) == languages.end()) {
    return base::InvalidArgumentError("no statement in language \"" + input.lang +
                                      "\" (en, hy, ru)");
  }
  const base::Result<LabelSets>& labels = AllLabels();
  if (!labels.ok()) return labels.status();
  return StatementWriter(input, labels->at(input.lang), tables, vocab).Build();
}

}  // namespace vka::report
