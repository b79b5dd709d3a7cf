#include "app/legal_json.h"

#include <algorithm>

namespace vka::app {
namespace {

using base::Json;

Json EvidenceJson(const legal::FactSet& facts, const std::vector<legal::Evidence>& list,
                  int max_evidence) {
  std::vector<const legal::Evidence*> sorted;
  for (const auto& e : list) sorted.push_back(&e);
  auto key = [&](const legal::Evidence* e) {
    return e->information >= 0 ? facts.information[e->information].id
                               : facts.sources[e->source].id;
  };
  std::sort(sorted.begin(), sorted.end(), [&](auto* a, auto* b) { return key(a) < key(b); });
  Json items = Json::array();
  for (const legal::Evidence* e : sorted) {
    if (static_cast<int>(items.size()) >= max_evidence) break;
    const legal::SourceFacts* s = &facts.sources[e->source];
    Json j = {{"source", s->id}, {"origin", s->OriginKey()}, {"fact", std::string(e->fact)},
              {"reviewed", e->reviewed}};
    j["reliability"] = s->reliability ? Json(std::string(1, s->reliability)) : Json(nullptr);
    if (e->information >= 0) {
      const legal::InformationFacts& info = facts.information[e->information];
      j["information"] = info.id;
      j["locator"] = info.locator;
      j["excerpt"] = info.excerpt;
      j["credibility"] = info.credibility ? Json(info.credibility) : Json(nullptr);
    }
    items.push_back(std::move(j));
  }
  return {{"count", list.size()}, {"items", items}};
}

Json ElementJson(const legal::KnowledgeBase& kb, const legal::FactSet& facts,
                 const legal::ElementAssessment& e, int max_evidence) {
  const legal::Item* item = kb.FindItem(e.element);
  Json excluded = Json::array();
  for (const auto& x : e.excluded) {
    Json j = {{"source", facts.sources[x.source].id},
              {"reason", std::string(legal::ExclusionReasonText(x.reason))}};
    if (x.information >= 0) j["information"] = facts.information[x.information].id;
    excluded.push_back(std::move(j));
  }
  std::sort(excluded.begin(), excluded.end());
  std::vector<std::string> unsourced = e.unsourced_facts;
  std::sort(unsourced.begin(), unsourced.end());
  return {{"title", item->title.en},
          {"kind", std::string(legal::ItemKindName(item->kind))},
          {"citation", item->citation},
          {"stands_for", e.stands_for},
          {"status", std::string(legal::ElementStatusName(e.status))},
          {"contested", e.contested},
          {"independent_origins", e.independent_origins},
          {"best_reliability",
           e.best_reliability ? Json(std::string(1, e.best_reliability)) : Json(nullptr)},
          {"best_credibility", e.best_credibility ? Json(e.best_credibility) : Json(nullptr)},
          {"links", {{"accepted", e.links_accepted}, {"suggested", e.links_suggested},
                     {"rejected", e.links_rejected}}},
          {"supporting", EvidenceJson(facts, e.supporting, max_evidence)},
          {"contradicting", EvidenceJson(facts, e.contradicting, max_evidence)},
          {"excluded", excluded},
          {"unsourced_facts", unsourced},
          {"gaps", e.gaps},
          {"cautions", e.cautions}};
}

}  // namespace

Json MatrixJson(const legal::KnowledgeBase& kb, const legal::FactSet& facts,
                const legal::CaseMatrix& m, int max_evidence) {
  Json quals = Json::array();
  for (const auto& q : m.qualifications) {
    const legal::Qualification* def = kb.FindQualification(q.qualification);
    Json elements = Json::array();
    for (size_t i = 0; i < def->elements.size(); ++i) {
      elements.push_back({{"id", def->elements[i]}, {"assessed_as", q.elements[i]}});
    }
    quals.push_back({{"id", q.qualification},
                     {"title", def->title.en},
                     {"provision", def->provision},
                     {"elements", elements},
                     {"elements_meeting_criteria", q.meeting}});
  }
  Json elements = Json::object();
  for (const auto& [id, e] : m.elements) elements[id] = ElementJson(kb, facts, e, max_evidence);
  return {{"situation", m.situation},
          {"standard", {{"id", m.standard.id}, {"title", m.standard.title.en},
                        {"min_origins", m.standard.min_origins},
                        {"max_reliability", std::string(1, m.standard.max_reliability)},
                        {"max_credibility", m.standard.max_credibility}}},
          {"caveat", legal::kCaveat},
          {"qualifications", quals},
          {"elements", elements}};
}

std::vector<const legal::Suggestion*> FilterSuggestions(const LegalAnalysis& analysis,
                                                        const SuggestionFilter& f) {
  std::vector<const legal::Suggestion*> shown;
  for (const legal::Suggestion& s : analysis.suggestions) {
    if ((f.status.empty() || s.status == f.status) &&
        (f.element.empty() || s.element == f.element) &&
        (f.rule.empty() || s.rule->id == f.rule) && (f.target.empty() || s.target == f.target)) {
      shown.push_back(&s);
    }
  }
  return shown;
}

std::vector<std::string> SuggestionSources(const legal::FactSet& facts,
                                           const legal::Suggestion& s) {
  std::vector<std::string> out;
  auto add = [&](std::string_view fact) {
    for (int32_t i : facts.InformationOn(fact)) out.push_back(facts.information[i].source);
  };
  if (s.rule->aggregate) {
    for (std::string_view fact : s.records) add(fact);
  } else {
    add(s.target);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Json SuggestionsJson(const legal::FactSet& facts,
                     const std::vector<const legal::Suggestion*>& suggestions) {
  Json list = Json::array();
  for (const legal::Suggestion* s : suggestions) {
    Json j = {{"id", s->Id()},
              {"rule", s->rule->id},
              {"target", std::string(s->target)},
              {"element", std::string(s->element)},
              {"status", s->status},
              {"facts", s->FactCount()},
              {"rationale", s->Rationale()}};
    if (!s->rule->caution.empty()) j["caution"] = s->rule->caution;
    j["sources"] = SuggestionSources(facts, *s);
    if (!s->decision.empty()) j["decision"] = s->decision;
    list.push_back(std::move(j));
  }
  return list;
}

base::Result<Json> SituationMatrixJson(Workspace& ws, const MatrixRequest& request) {
  VKA_ASSIGN_OR_RETURN(LegalAnalysis a, AnalyseSituation(ws, request.situation, request.reader));
  legal::AssessOptions options;
  options.standard = request.standard;
  options.qualifications = request.qualifications;
  options.reviewed_only = request.reviewed_only;
  VKA_ASSIGN_OR_RETURN(legal::CaseMatrix matrix, AssessCase(a, ws, options));
  return MatrixJson(*a.kb, a.facts, matrix, request.max_evidence);
}

base::Result<SuggestionPage> ListSuggestions(Workspace& ws, const std::string& situation,
                                             const SuggestionFilter& filter,
                                             std::optional<Role> reader, int64_t offset,
                                             int64_t limit) {
  VKA_ASSIGN_OR_RETURN(LegalAnalysis a, AnalyseSituation(ws, situation, reader));
  const std::vector<const legal::Suggestion*> matching = FilterSuggestions(a, filter);
  const auto total = static_cast<int64_t>(matching.size());
  const int64_t first = std::clamp<int64_t>(offset, 0, total);
  const int64_t end = std::clamp<int64_t>(first + std::max<int64_t>(limit, 0), first, total);
  const std::vector<const legal::Suggestion*> page(matching.begin() + first,
                                                   matching.begin() + end);
  return SuggestionPage{a.facts.situation, SuggestionsJson(a.facts, page), total};
}

}  // namespace vka::app
