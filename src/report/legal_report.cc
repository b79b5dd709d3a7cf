#include "report/legal_report.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <unordered_map>

#include "base/json.h"
#include "base/toml.h"
#include "report/internal/embedded_templates.h"

namespace vka::report {
namespace {

using base::Json;
using base::Result;
using base::Status;

struct Section {
  std::string heading;
  std::vector<std::string> text;
  std::string content;
  std::vector<std::string> instruments;  // for "breaches"
};

struct Template {
  std::string name, title, subtitle, footer;
  std::vector<Section> sections;
};

Result<std::vector<std::string>> Strings(const Json& j, const char* key, const std::string& where) {
  std::vector<std::string> out;
  auto it = j.find(key);
  if (it == j.end()) return out;
  if (it->is_string()) return std::vector<std::string>{it->get<std::string>()};
  if (!it->is_array()) return base::InvalidArgumentError(where + ": " + key + " must be a list");
  for (const Json& v : *it) {
    if (!v.is_string()) return base::InvalidArgumentError(where + ": " + key + " must be strings");
    out.push_back(v.get<std::string>());
  }
  return out;
}

std::string Get(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const std::set<std::string, std::less<>>& ContentKinds() {
  static const std::set<std::string, std::less<>> kinds = {
      "summary",  "framework",   "matrix",       "gaps",        "exclusions",
      "victims",  "events",      "perpetrators", "authorities", "state_responsibility",
      "breaches", "verification"};
  return kinds;
}

Result<Template> ParseTemplate(std::string_view text, const std::string& file) {
  VKA_ASSIGN_OR_RETURN(toml::table root, base::ParseToml(text, file));
  VKA_ASSIGN_OR_RETURN(Json j, base::TomlToJson(root, file));
  Template t;
  t.name = Get(j, "name");
  t.title = Get(j, "title");
  t.subtitle = Get(j, "subtitle");
  t.footer = Get(j, "footer");
  if (t.name.empty() || t.title.empty()) {
    return base::InvalidArgumentError(file + ": a template needs name and title");
  }
  auto sections = j.find("section");
  if (sections == j.end() || !sections->is_array()) {
    return base::InvalidArgumentError(file + ": a template needs [[section]] tables");
  }
  for (const Json& s : *sections) {
    Section section;
    const std::string where = file + ": section \"" + Get(s, "heading") + "\"";
    section.heading = Get(s, "heading");
    section.content = Get(s, "content");
    VKA_ASSIGN_OR_RETURN(section.text, Strings(s, "text", where));
    VKA_ASSIGN_OR_RETURN(section.instruments, Strings(s, "instruments", where));
    if (section.heading.empty()) return base::InvalidArgumentError(where + ": missing heading");
    if (!section.content.empty() && !ContentKinds().contains(section.content)) {
      return base::InvalidArgumentError(where + ": unknown content \"" + section.content + "\"");
    }
    t.sections.push_back(std::move(section));
  }
  return t;
}

Result<Template> FindTemplate(const std::string& name) {
  for (const base::EmbeddedFile& f : EmbeddedReportTemplates()) {
    if (std::string(f.name) == name + ".toml")
      return ParseTemplate(f.contents, std::string(f.name));
  }
  std::string list;
  for (const std::string& n : LegalReportTemplates()) list += (list.empty() ? "" : ", ") + n;
  return base::NotFoundError("no report template \"" + name + "\" (" + list + ")");
}

std::string Fill(std::string text, const LegalReportInput& in) {
  const std::pair<const char*, std::string> values[] = {
      {"{situation}", in.situation_name.empty() ? in.facts.situation : in.situation_name},
      {"{situation_id}", in.facts.situation},
      {"{workspace}", in.workspace_name},
      {"{generated_at}", in.generated_at},
      {"{standard}", in.matrix.standard.title.en},
  };
  for (const auto& [key, value] : values) {
    for (size_t at = text.find(key); at != std::string::npos;
         at = text.find(key, at + value.size())) {
      text.replace(at, std::string_view(key).size(), value);
    }
  }
  return text;
}

std::string Truncate(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  size_t cut = n;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return s.substr(0, cut) + "…";
}

// The builder: one instance per document.
class Builder {
 public:
  Builder(const LegalReportInput& in, DocumentBuilder& doc) : in_(in), doc_(doc) {
    for (const auto& e : in.facts.records) {
      if (Get(e, "kind") == "person" || Get(e, "kind") == "organization" ||
          Get(e, "kind") == "place") {
        names_[Get(e, "id")] = &e;
      }
    }
  }

  void Emit(const Section& s) {
    if (s.content == "summary") Summary();
    if (s.content == "framework") Framework();
    if (s.content == "matrix") Matrix();
    if (s.content == "gaps") Gaps();
    if (s.content == "exclusions") Exclusions();
    if (s.content == "victims") Victims();
    if (s.content == "events") Events();
    if (s.content == "perpetrators") Perpetrators();
    if (s.content == "authorities") Authorities();
    if (s.content == "state_responsibility") StateResponsibility();
    if (s.content == "breaches") Breaches(s.instruments);
    if (s.content == "verification") Verification();
  }

 private:
  const Json* Record(const std::string& id) const { return in_.facts.Find(id); }

  std::string NameOf(const std::string& id) const {
    auto it = names_.find(id);
    if (it == names_.end()) return id;
    auto names = it->second->find("names");
    if (names == it->second->end() || !names->is_array() || names->empty()) return id;
    std::string all;  // every form, e.g. the Armenian, Cyrillic and Latin spellings
    for (const Json& n : *names) {
      const std::string value = Get(n, "value");
      if (!value.empty()) all += (all.empty() ? "" : " / ") + value;
    }
    return all.empty() ? id : all;
  }

  std::string ItemLabel(const std::string& id) const {
    const legal::Item* item = in_.kb.FindItem(id);
    return item ? id + " " + item->title.en : id;
  }

  std::string SourceNote(const legal::Evidence& e, bool contradicts) const {
    const legal::SourceFacts* s = &in_.facts.sources[e.source];
    std::string note = contradicts ? "Contradicting: " : "";
    note += "source " + s->id + ", \"" + Truncate(s->title, 80) + "\"";
    if (s->reliability) note += std::string(", reliability ") + s->reliability;
    if (e.information >= 0) {
      const legal::InformationFacts& info = in_.facts.information[e.information];
      note += "; information " + info.id + " on " + info.record;
      if (!info.locator.empty()) note += ", at " + info.locator;
      if (info.credibility) note += ", credibility " + std::to_string(info.credibility);
      if (!info.excerpt.empty()) note += ": \"" + Truncate(info.excerpt, 160) + "\"";
    }
    if (!e.reviewed) note += " (unreviewed rule suggestion)";
    return note + ".";
  }

  std::vector<std::string> Notes(const legal::ElementAssessment& e) const {
    std::vector<std::string> notes;
    auto add = [&](const std::vector<legal::Evidence>& list, bool contradicts) {
      std::vector<const legal::Evidence*> sorted;
      for (const auto& ev : list) sorted.push_back(&ev);
      std::sort(sorted.begin(), sorted.end(),
                [](auto* a, auto* b) {
        return std::pair(a->source, a->information) < std::pair(b->source, b->information);
      });
      int shown = 0;
      for (const legal::Evidence* ev : sorted) {
        if (shown++ == in_.max_notes) {
          notes.push_back("… and " + std::to_string(list.size() - in_.max_notes) +
                          " more; the full list is in vka assess --format json.");
          break;
        }
        notes.push_back(SourceNote(*ev, contradicts));
      }
    };
    add(e.supporting, false);
    add(e.contradicting, true);
    return notes;
  }

  static std::string StatusText(const legal::ElementAssessment& e) {
    std::string s(legal::ElementStatusName(e.status));
    std::replace(s.begin(), s.end(), '_', ' ');
    return e.contested ? s + ", contested" : s;
  }

  static std::string Grades(const legal::ElementAssessment& e) {
    std::string r = e.best_reliability ? std::string(1, e.best_reliability) : "–";
    std::string c = e.best_credibility ? std::to_string(e.best_credibility) : "–";
    return r + " / " + c;
  }

  void Summary() {
    int scope_acts = 0;
    for (const std::string& id : in_.facts.in_scope) {
      const Json* r = Record(id);
      scope_acts += r && Get(*r, "kind") == "act";
    }
    doc_.P("Situation: " + (in_.situation_name.empty() ? in_.facts.situation : in_.situation_name) +
           " (" + in_.facts.situation +
           "). Documented acts assessed: " + std::to_string(scope_acts) +
           "; sources in the workspace: " + std::to_string(in_.facts.sources.size()) +
           "; information links: " + std::to_string(in_.facts.information.size()) + ".");
    doc_.P("Criteria used: " + in_.matrix.standard.title.en + ". " +
           in_.matrix.standard.description);
    for (const auto& q : in_.matrix.qualifications) {
      const legal::Qualification* def = in_.kb.FindQualification(q.qualification);
      doc_.Bullet(def->title.en + ": " + std::to_string(q.meeting) + " of " +
                  std::to_string(q.elements.size()) + " elements meet the criteria.");
    }
    doc_.P(legal::kCaveat);
  }

  void FrameworkItem(const std::string& id) {
    const legal::Item& item = in_.kb.Resolve(*in_.kb.FindItem(id));
    std::string line = id + " (" + std::string(legal::ItemKindName(item.kind)) + ")";
    if (item.id != id) {
      line += ": the shared element " + item.id + " (" + item.title.en + ")";
    } else {
      line += ": " + item.text + " [" + item.citation + "]";
      if (!item.checked) line += " [paraphrase not yet checked against the official text]";
    }
    doc_.Bullet(line);
  }

  void Framework() {
    std::vector<std::string> context;
    for (const auto& q : in_.matrix.qualifications) {
      for (const std::string& id : in_.kb.FindQualification(q.qualification)->elements) {
        if (in_.kb.FindItem(id)->kind == legal::ItemKind::kContext &&
            std::find(context.begin(), context.end(), id) == context.end()) {
          context.push_back(id);
        }
      }
    }
    doc_.H2("Contextual elements");
    for (const std::string& id : context) FrameworkItem(id);
    for (const auto& q : in_.matrix.qualifications) {
      const legal::Qualification* def = in_.kb.FindQualification(q.qualification);
      const legal::Item* provision = in_.kb.FindItem(def->provision);
      doc_.H2(def->title.en);
      if (provision) doc_.P(provision->text + " (" + provision->citation + ")");
      for (const std::string& id : def->elements) {
        if (std::find(context.begin(), context.end(), id) == context.end()) FrameworkItem(id);
      }
    }
    doc_.P("All legal texts above are paraphrases written for this tool, with exact citations; "
           "they are not the official texts.");
  }

  Table ElementTable(const std::vector<std::string>& ids) {
    Table t;
    t.header = {"Element",     "Status",        "Supporting (independent origins)",
                "Best grades", "Contradicting", "Excluded"};
    t.widths = {3.2, 1.6, 1.5, 1, 1.1, 1};
    for (const std::string& id : ids) {
      const legal::ElementAssessment& e = in_.matrix.elements.at(id);
      t.rows.push_back(
          {ItemLabel(id), StatusText(e),
           std::to_string(e.supporting.size()) + " (" + std::to_string(e.independent_origins) + ")",
           Grades(e), std::to_string(e.contradicting.size()), std::to_string(e.excluded.size())});
      t.row_notes.push_back(Notes(e));
    }
    return t;
  }

  void Matrix() {
    std::vector<std::string> shared;
    for (const auto& [id, e] : in_.matrix.elements) {
      const legal::Item* item = in_.kb.FindItem(id);
      if (item->kind == legal::ItemKind::kContext || !e.stands_for.empty()) shared.push_back(id);
    }
    doc_.H2("Contextual elements, shared by every crime");
    doc_.AddTable(ElementTable(shared));
    for (const auto& q : in_.matrix.qualifications) {
      const legal::Qualification* def = in_.kb.FindQualification(q.qualification);
      std::vector<std::string> own;
      for (const std::string& id : q.elements) {
        if (std::find(shared.begin(), shared.end(), id) == shared.end()) own.push_back(id);
      }
      doc_.H2(def->title.en + " (" + def->provision + ")");
      doc_.AddTable(ElementTable(own), std::to_string(q.meeting) + " of " +
                                           std::to_string(q.elements.size()) +
                                           " elements, with the shared ones, meet the criteria.");
    }
  }

  void Gaps() {
    for (const auto& [id, e] : in_.matrix.elements) {
      for (const std::string& g : e.gaps) doc_.Bullet(id + ": " + g);
      for (const std::string& c : e.cautions) doc_.Bullet(id + ": caution: " + c);
    }
  }

  void Exclusions() {
    std::map<std::string, std::string> reasons;
    for (const auto& [id, e] : in_.matrix.elements) {
      for (const auto& x : e.excluded) {
        reasons[in_.facts.sources[x.source].id] = legal::ExclusionReasonText(x.reason);
      }
    }
    if (reasons.empty()) {
      doc_.P("No source was excluded.");
      return;
    }
    Table t;
    t.header = {"Source", "Reason for exclusion"};
    t.widths = {1, 2};
    for (const auto& [source, reason] : reasons) t.rows.push_back({source, reason});
    doc_.AddTable(std::move(t));
  }

  // A person may be named only when their record is public.
  std::string VictimLabel(const std::string& id, int* pseudonyms) {
    const Json* person = Record(id);
    if (person && Get(*person, "confidentiality") == "public") return NameOf(id);
    char buf[16];
    std::snprintf(buf, sizeof buf, "V-%04d", ++*pseudonyms);
    return buf;
  }

  void Victims() {
    std::map<std::string, std::vector<std::string>> acts_of;
    for (const std::string& id : in_.facts.in_scope) {
      const Json* act = Record(id);
      if (act && Get(*act, "kind") == "act" && !Get(*act, "victim").empty()) {
        acts_of[Get(*act, "victim")].push_back(id);
      }
    }
    Table t;
    t.header = {"Victim", "Status", "Acts documented", "Records"};
    t.widths = {1.2, 1, 2.5, 2.5};
    int pseudonyms = 0, rows = 0;
    for (const auto& [victim, acts] : acts_of) {
      if (rows++ == in_.max_rows) break;
      std::set<std::string> types;
      for (const std::string& a : acts) types.insert(Get(*Record(a), "type"));
      std::string type_list, record_list;
      for (const std::string& ty : types) type_list += (type_list.empty() ? "" : ", ") + ty;
      for (const std::string& a : acts) record_list += (record_list.empty() ? "" : ", ") + a;
      const Json* person = Record(victim);
      t.rows.push_back({VictimLabel(victim, &pseudonyms), person ? Get(*person, "status") : "",
                        type_list, record_list});
    }
    doc_.P(std::to_string(acts_of.size()) + " victims are identified in the documented acts" +
           (static_cast<int>(acts_of.size()) > in_.max_rows
                ? "; the first " + std::to_string(in_.max_rows) + " are listed."
                : ".") +
           " Victims whose records are not public appear under a pseudonym; the documenting "
           "organisation holds the key.");
    doc_.AddTable(std::move(t));
  }

  void Events() {
    Table t;
    t.header = {"Event", "Date", "Place", "Acts"};
    t.widths = {3, 1.2, 2, 0.8};
    std::map<std::string, int> acts;
    for (const std::string& id : in_.facts.in_scope) {
      const Json* r = Record(id);
      if (r && Get(*r, "kind") == "act") ++acts[Get(*r, "event")];
    }
    int rows = 0;
    for (const std::string& id : in_.facts.in_scope) {
      const Json* e = Record(id);
      if (!e || Get(*e, "kind") != "event") continue;
      if (rows++ == in_.max_rows) break;
      const std::string place = Get(*e, "place");
      t.rows.push_back({Get(*e, "title") + " (" + id + ")", Get(*e, "date"),
                        place.empty() ? "" : NameOf(place), std::to_string(acts[id])});
    }
    doc_.AddTable(std::move(t));
  }

  void Perpetrators() {
    std::map<std::string, int> count;
    for (const std::string& id : in_.facts.in_scope) {
      const Json* act = Record(id);
      if (!act || Get(*act, "kind") != "act") continue;
      auto perps = act->find("perpetrators");
      if (perps == act->end() || !perps->is_array()) continue;
      for (const Json& p : *perps) ++count[Get(p, "perpetrator")];
    }
    Table t;
    t.header = {"Alleged perpetrator", "Type", "Acts"};
    t.widths = {3, 1.5, 0.8};
    for (const auto& [id, n] : count) {
      const Json* r = Record(id);
      t.rows.push_back({NameOf(id) + " (" + id + ")", r ? Get(*r, "type") : "", std::to_string(n)});
    }
    doc_.P(
        "Perpetrators are alleged, as recorded in the sources; nothing here is a finding of "
        "individual responsibility.");
    doc_.AddTable(std::move(t));
  }

  void Authorities() {
    Table t;
    t.header = {"Authority", "Conduct", "Date", "Description"};
    t.widths = {2, 1.5, 1, 3};
    int rows = 0;
    for (const std::string& id : in_.facts.in_scope) {
      const Json* r = Record(id);
      if (!r || Get(*r, "kind") != "state_conduct") continue;
      if (rows++ == in_.max_rows) break;
      t.rows.push_back({NameOf(Get(*r, "actor")), Get(*r, "conduct"), Get(*r, "date"),
                        Truncate(Get(*r, "description"), 400)});
      std::vector<std::string> notes;
      for (int32_t i : in_.facts.InformationOn(id)) {
        if (static_cast<int>(notes.size()) == in_.max_notes) break;
        notes.push_back(SourceNote({i, in_.facts.information[i].source_index, id, false},
                                   in_.facts.information[i].contradicts));
      }
      t.row_notes.push_back(std::move(notes));
    }
    if (rows == 0) {
      doc_.P("No conduct of the authorities is documented for this situation.");
      return;
    }
    doc_.AddTable(std::move(t));
  }

  void CountTable(const std::map<std::string, int>& counts, const char* what) {
    Table t;
    t.header = {"Provision", what};
    t.widths = {4, 1};
    for (const auto& [id, n] : counts) t.rows.push_back({ItemLabel(id), std::to_string(n)});
    doc_.AddTable(std::move(t));
  }

  void StateResponsibility() {
    const legal::StateResponsibility& sr = in_.state;
    doc_.P(std::to_string(sr.acts.size()) +
           " documented records have an attribution basis or an "
           "omission of the authorities; " +
           std::to_string(sr.omissions) + " omissions are linked to them.");
    doc_.H2("Attribution to the State");
    CountTable(sr.attribution, "Records");
    doc_.H2("Obligations possibly breached");
    CountTable(sr.breaches, "Records");
    doc_.H2("Consequences owed by a responsible State");
    for (const std::string& id : sr.consequences) {
      const legal::Item* item = in_.kb.FindItem(id);
      doc_.Bullet(ItemLabel(id) + (item ? ": " + item->text + " [" + item->citation + "]" : ""));
    }
  }

  void Breaches(const std::vector<std::string>& instruments) {
    std::map<std::string, int> counts;
    for (const auto& [id, n] : in_.state.breaches) {
      const legal::Item* item = in_.kb.FindItem(id);
      if (item && std::find(instruments.begin(), instruments.end(), item->instrument) !=
                      instruments.end()) {
        counts[id] = n;
      }
    }
    if (counts.empty()) {
      doc_.P("The documented facts suggest no breach of these provisions yet.");
      return;
    }
    CountTable(counts, "Records");
  }

  void Verification() {
    doc_.P(
        "Every record cited here (acts, sources, information links, decisions) is a revision "
        "committed to the workspace's append-only, signed Merkle log. The checkpoint below "
        "was current when this document was generated (" +
        in_.generated_at + ").");
    doc_.Pre(in_.checkpoint);
    doc_.P("Verifier key (C2SP signed-note format):");
    doc_.Pre(in_.verifier_key);
    doc_.P(
        "To check a cited record: run `vka log leaf ID` for its log leaf and inclusion proof "
        "against this checkpoint; `vka verify` recomputes the whole log. The tiles and "
        "checkpoint follow C2SP tlog-tiles and tlog-checkpoint, so tools not written by the "
        "documenting organisation (for example Go's golang.org/x/mod/sumdb packages) can "
        "verify them; the workspace's docs/formats/log.md gives the byte layout.");
  }

  const LegalReportInput& in_;
  DocumentBuilder& doc_;
  std::unordered_map<std::string, const Json*> names_;
};

}  // namespace

std::vector<std::string> LegalReportTemplates() {
  std::vector<std::string> names;
  for (const base::EmbeddedFile& f : EmbeddedReportTemplates()) {
    std::string n(f.name);
    if (n.ends_with(".toml")) names.push_back(n.substr(0, n.size() - 5));
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<Document> BuildLegalReport(const std::string& name, const LegalReportInput& input) {
  VKA_ASSIGN_OR_RETURN(Template t, FindTemplate(name));
  DocumentBuilder doc(Fill(t.title, input), Fill(t.subtitle, input));
  doc.Footer(Fill(t.footer, input));
  Builder builder(input, doc);
  for (const Section& s : t.sections) {
    doc.H1(Fill(s.heading, input));
    for (const std::string& p : s.text) doc.P(Fill(p, input));
    builder.Emit(s);
  }
  return doc.Build();
}

}  // namespace vka::report
