#include "cli/legal_render.h"

#include <algorithm>
#include <set>

#include "app/legal_json.h"
#include "base/json.h"

namespace vka::cli {
namespace {

using base::Json;

Json TitlesJson(const legal::Titles& t) { return {{"en", t.en}, {"hy", t.hy}, {"ru", t.ru}}; }

Json ItemJson(const legal::Item& item) {
  Json j = {{"id", item.id},
            {"instrument", item.instrument},
            {"provision", item.provision},
            {"kind", std::string(legal::ItemKindName(item.kind))},
            {"title", TitlesJson(item.title)},
            {"text", item.text},
            {"citation", item.citation},
            {"checked", item.checked}};
  if (!item.checked_against.empty()) j["checked_against"] = item.checked_against;
  if (!item.part_of.empty()) j["part_of"] = item.part_of;
  if (!item.ref.empty()) j["ref"] = item.ref;
  if (!item.notes.empty()) j["notes"] = item.notes;
  return j;
}

std::string Pad(std::string s, size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

std::string Title(const legal::KnowledgeBase& kb, const std::string& id) {
  const legal::Item* item = kb.FindItem(id);
  return item ? item->title.en : id;
}

std::string ItemText(const legal::KnowledgeBase& kb, const legal::Item& item,
                     const std::string& lang) {
  std::string out = item.id + " — " + item.title.In(lang) + "\n";
  out += "  instrument: " + item.instrument + ", " + item.provision + "\n";
  out += "  kind: " + std::string(legal::ItemKindName(item.kind)) + "\n";
  if (!item.part_of.empty()) out += "  part of: " + item.part_of + "\n";
  if (!item.ref.empty()) {
    out += "  assessed as: " + item.ref + " (" + Title(kb, item.ref) + "), shared across crimes\n";
  }
  out += "  citation: " + item.citation + "\n\n  " + item.text + "\n";
  if (!item.notes.empty()) out += "\n  note: " + item.notes + "\n";
  out += item.checked ? "\n  checked against the official text: " + item.checked_against + "\n"
                      : "\n  WARNING: this paraphrase has not yet been checked against the "
                        "official text.\n";
  out += "  (a paraphrase written for vka, not the official text)\n";
  return out;
}

std::string QualificationText(const legal::KnowledgeBase& kb, const legal::Qualification& q,
                              const std::string& lang) {
  std::string out = q.id + " — " + q.title.In(lang) + "\n  provision: " + q.provision + "\n";
  out += "  elements:\n";
  for (const std::string& e : q.elements) {
    const legal::Item* item = kb.FindItem(e);
    out += "    " + Pad(e, 16) + " " + std::string(legal::ItemKindName(item->kind)) + ": " +
           item->title.In(lang);
    if (!item->ref.empty()) out += " (= " + item->ref + ")";
    out += "\n";
  }
  return out;
}

std::string Grade(char reliability, int credibility) {
  std::string r = reliability ? std::string(1, reliability) : "-";
  std::string c = credibility ? std::to_string(credibility) : "-";
  return r + "/" + c;
}

std::string StatusText(const legal::ElementAssessment& e) {
  std::string s(legal::ElementStatusName(e.status));
  std::replace(s.begin(), s.end(), '_', ' ');
  if (e.contested) s += ", contested";
  return s;
}

void ElementText(const MatrixView& v, const legal::ElementAssessment& e, std::string& out) {
  out += "    " + Pad(e.element, 16) + " " + Title(v.kb, e.element) + "\n";
  out += "      status: " + StatusText(e) + "; supporting " + std::to_string(e.supporting.size()) +
         " from " + std::to_string(e.independent_origins) + " independent origin(s), best " +
         Grade(e.best_reliability, e.best_credibility) + "; contradicting " +
         std::to_string(e.contradicting.size()) + "; excluded " +
         std::to_string(e.excluded.size()) + "\n";
  for (const std::string& g : e.gaps) out += "      gap: " + g + "\n";
  for (const std::string& c : e.cautions) out += "      caution: " + c + "\n";
}

}  // namespace

std::string RenderItemList(const legal::KnowledgeBase& kb, const std::string& instrument,
                           const std::string& kind, bool json) {
  Json list = Json::array();
  std::string out;
  for (const legal::Instrument& in : kb.instruments()) {
    if (!instrument.empty() && in.id != instrument) continue;
    if (!json) out += in.id + " — " + in.title.en + "\n  " + in.citation + "\n";
    for (const legal::Item& item : kb.items()) {
      if (item.instrument != in.id) continue;
      if (!kind.empty() && legal::ItemKindName(item.kind) != kind) continue;
      if (json) {
        list.push_back(ItemJson(item));
        continue;
      }
      out += "  " + Pad(item.id, 18) + " " + Pad(std::string(legal::ItemKindName(item.kind)), 12) +
             " " + item.title.en + (item.checked ? "" : "  [not yet checked]") + "\n";
    }
  }
  if (json) return list.dump(2) + "\n";
  if (instrument.empty()) {
    out += "qualifications\n";
    for (const legal::Qualification& q : kb.qualifications()) {
      out += "  " + Pad(q.id, 26) + " " + q.title.en + "\n";
    }
  }
  return out;
}

base::Result<std::string> RenderItem(const legal::KnowledgeBase& kb, const std::string& id,
                                     const std::string& lang, bool json) {
  if (const legal::Item* item = kb.FindItem(id)) {
    return json ? ItemJson(*item).dump(2) + "\n" : ItemText(kb, *item, lang);
  }
  if (const legal::Qualification* q = kb.FindQualification(id)) {
    if (json) {
      return Json({{"id", q->id}, {"provision", q->provision}, {"title", TitlesJson(q->title)},
                   {"elements", q->elements}})
                 .dump(2) +
             "\n";
    }
    return QualificationText(kb, *q, lang);
  }
  if (const legal::Instrument* in = kb.FindInstrument(id)) {
    if (json) {
      return Json({{"id", in->id}, {"title", TitlesJson(in->title)}, {"citation", in->citation},
                   {"adopted", in->adopted}, {"url", in->url}})
                 .dump(2) +
             "\n";
    }
    return in->id + " — " + in->title.In(lang) + "\n  " + in->citation + "\n" +
           (in->url.empty() ? "" : "  " + in->url + "\n");
  }
  return base::NotFoundError("no legal item, instrument or qualification " + id +
                             " (see vka legal list)");
}

std::string RenderSuggestions(const legal::FactSet& facts,
                              const std::vector<const legal::Suggestion*>& suggestions,
                              bool json) {
  if (json) return app::SuggestionsJson(facts, suggestions).dump(2) + "\n";
  std::string out;
  for (const legal::Suggestion* s : suggestions) {
    out += s->Id() + "  " + Pad(s->status, 9) + "  " + Pad(std::string(s->element), 16) + "  " +
           std::string(s->target) +
           "  (" + s->rule->id +
           (s->rule->aggregate ? ", " + std::to_string(s->FactCount()) + " records" : "") + ", " +
           std::to_string(app::SuggestionSources(facts, *s).size()) + " sources)\n";
  }
  out += std::to_string(suggestions.size()) + " suggestion(s)\n";
  return out;
}

std::string RenderMatrixText(const MatrixView& v) {
  const legal::CaseMatrix& m = v.matrix;
  std::string out = "Case matrix for situation " + m.situation + "\n";
  out += "Criteria: " + m.standard.title.en + " — at least " +
         std::to_string(m.standard.min_origins) + " independent origin(s), a source graded " +
         m.standard.max_reliability + " or better, information graded " +
         std::to_string(m.standard.max_credibility) + " or better\n";
  out += std::string(legal::kCaveat) + "\n";
  std::set<std::string> shared;
  for (const auto& [id, e] : m.elements) {
    if (!e.stands_for.empty()) shared.insert(id);
  }
  for (const auto& q : m.qualifications) {
    for (const std::string& id : q.elements) {
      if (v.kb.FindItem(id)->kind == legal::ItemKind::kContext) shared.insert(id);
    }
  }
  out += "\nShared contextual elements (assessed once for every crime)\n";
  for (const std::string& id : shared) ElementText(v, m.elements.at(id), out);
  for (const auto& q : m.qualifications) {
    const legal::Qualification* def = v.kb.FindQualification(q.qualification);
    out += "\n" + def->title.en + " (" + q.qualification + "): " + std::to_string(q.meeting) +
           " of " + std::to_string(q.elements.size()) + " elements meet the criteria\n";
    for (const std::string& id : q.elements) {
      if (shared.contains(id)) {
        out += "    " + Pad(id, 16) + " (shared, above)\n";
        continue;
      }
      ElementText(v, m.elements.at(id), out);
    }
  }
  return out;
}

std::string RenderMatrixJson(const MatrixView& v) {
  return app::MatrixJson(v.kb, v.facts, v.matrix, v.max_evidence).dump(2) + "\n";
}

std::string RenderStateResponsibility(const legal::KnowledgeBase& kb,
                                      const legal::StateResponsibility& sr, bool json) {
  if (json) {
    Json acts = Json::array();
    for (const auto& a : sr.acts) {
      acts.push_back({{"record", a.act}, {"attribution", a.attribution},
                      {"omissions", a.omissions}, {"breaches", a.breaches},
                      {"sources", a.sources}});
    }
    return Json({{"situation", sr.situation}, {"caveat", legal::kCaveat},
                 {"attribution", sr.attribution}, {"breaches", sr.breaches},
                 {"omissions", sr.omissions}, {"consequences", sr.consequences},
                 {"acts", acts}})
               .dump(2) +
           "\n";
  }
  std::string out = "State responsibility for situation " + sr.situation + "\n" +
                    std::string(legal::kCaveat) + "\n\nAttribution (records per basis)\n";
  for (const auto& [id, n] : sr.attribution) {
    out += "  " + Pad(id, 14) + " " + Pad(std::to_string(n), 6) + " " + Title(kb, id) + "\n";
  }
  out += "Omissions by authorities: " + std::to_string(sr.omissions) + "\n";
  out += "\nObligations possibly breached (records per provision)\n";
  for (const auto& [id, n] : sr.breaches) {
    out += "  " + Pad(id, 14) + " " + Pad(std::to_string(n), 6) + " " + Title(kb, id) + "\n";
  }
  out += "\nConsequences a responsible State owes\n";
  for (const std::string& id : sr.consequences) out += "  " + Pad(id, 14) + " " + Title(kb, id) + "\n";
  out += "\nPer record (" + std::to_string(sr.acts.size()) + ")\n";
  for (const auto& a : sr.acts) {
    out += "  " + a.act + "\n";
    for (const std::string& x : a.attribution) out += "    attribution: " + x + "\n";
    for (const std::string& x : a.omissions) out += "    omission: " + x + "\n";
    if (!a.breaches.empty()) {
      std::string list;
      for (const std::string& b : a.breaches) list += (list.empty() ? "" : ", ") + b;
      out += "    breaches: " + list + "\n";
    }
    out += "    sources: " + std::to_string(a.sources.size()) + "\n";
  }
  return out;
}

}  // namespace vka::cli
