#include "app/legal.h"

#include <unordered_map>
#include <unordered_set>

#include "app/records.h"
#include "base/json.h"
#include "model/kinds.h"

namespace vka::app {
namespace {

using base::Json;
using base::Result;
using base::Status;

std::string Str(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool Bool(const Json& body, const char* key) {
  auto it = body.find(key);
  return it != body.end() && it->is_boolean() && it->get<bool>();
}

Status ForEachBody(Workspace& ws, model::Kind kind, const std::function<void(Json)>& fn) {
  return ws.store().ForEachCurrent(kind, [&](const storage::Revision& rev) -> Status {
    auto body = base::ParseJsonStrict(rev.body);
    if (!body.ok()) return body.status().WithContext("read " + rev.id);
    fn(std::move(*body));
    return base::OkStatus();
  });
}

legal::SourceFacts ToSource(const Json& body) {
  legal::SourceFacts s;
  s.id = Str(body, "id");
  s.title = Str(body, "title");
  s.type = Str(body, "type");
  s.origin = Str(body, "origin");
  const std::string grade = Str(body, "reliability");
  if (grade.size() == 1) s.reliability = grade[0];
  s.obtained_under_torture = Bool(body, "obtained_under_torture");
  s.confidentiality = Str(body, "confidentiality");
  auto consent = body.find("consent");
  if (consent != body.end() && consent->is_object()) {
    s.consent_recorded = true;
    s.consent_withdrawn = Bool(*consent, "withdrawn");
    auto scopes = consent->find("scopes");
    if (scopes != consent->end() && scopes->is_array()) {
      for (const Json& scope : *scopes) s.consent_legal_use |= scope == "legal_use";
    }
  }
  return s;
}

legal::InformationFacts ToInformation(const Json& body) {
  legal::InformationFacts i;
  i.id = Str(body, "id");
  i.source = Str(body, "source");
  i.record = Str(body, "record");
  i.field = Str(body, "field");
  i.locator = Str(body, "locator");
  i.excerpt = Str(body, "excerpt");
  const std::string grade = Str(body, "credibility");
  if (grade.size() == 1 && grade[0] >= '1' && grade[0] <= '6') i.credibility = grade[0] - '0';
  i.contradicts = Str(body, "stance") == "contradicts";
  return i;
}

legal::AnnotationFacts ToAnnotation(const Json& body) {
  legal::AnnotationFacts a;
  a.id = Str(body, "id");
  a.target = Str(body, "target");
  a.element = Str(body, "element");
  a.contradicts = Str(body, "stance") == "contradicts";
  a.status = Str(body, "status");
  a.rationale = Str(body, "rationale");
  a.reviewer = Str(body, "reviewer");
  a.suggestion = Str(body, "suggestion");
  return a;
}

Result<std::string> ChooseSituation(Workspace& ws, const std::string& requested) {
  std::vector<std::string> ids;
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kSituation,
                                  [&](Json body) { ids.push_back(Str(body, "id")); }));
  if (!requested.empty()) {
    for (const std::string& id : ids) {
      if (id == requested) return id;
    }
    return base::NotFoundError("no situation " + requested);
  }
  if (ids.empty()) return base::NotFoundError("the workspace has no situation record");
  if (ids.size() > 1) {
    return base::InvalidArgumentError("the workspace has " + std::to_string(ids.size()) +
                                      " situations; name one with --situation");
  }
  return ids.front();
}

// Event ids that belong to the situation, directly or through a parent event.
std::unordered_set<std::string> SituationEvents(const std::vector<Json>& events,
                                                const std::string& situation) {
  std::unordered_map<std::string, const Json*> by_id;
  for (const Json& e : events) by_id[Str(e, "id")] = &e;
  std::unordered_set<std::string> in;
  for (const Json& e : events) {
    const Json* cur = &e;
    for (int depth = 0; cur && depth < 64; ++depth) {  // bounded against parent cycles
      if (Str(*cur, "situation") == situation) {
        in.insert(Str(e, "id"));
        break;
      }
      auto parent = by_id.find(Str(*cur, "parent"));
      cur = parent == by_id.end() ? nullptr : parent->second;
    }
  }
  return in;
}

}  // namespace

Result<legal::FactSet> LoadSituationFacts(Workspace& ws, const std::string& situation) {
  legal::FactSet facts;
  VKA_ASSIGN_OR_RETURN(facts.situation, ChooseSituation(ws, situation));
  std::vector<Json> events;
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kEvent, [&](Json b) { events.push_back(std::move(b)); }));
  const std::unordered_set<std::string> in_events = SituationEvents(events, facts.situation);
  for (Json& e : events) {
    if (in_events.contains(Str(e, "id"))) facts.in_scope.push_back(Str(e, "id"));
    facts.records.push_back(std::move(e));
  }
  for (model::Kind kind : {model::Kind::kAct, model::Kind::kDisplacement, model::Kind::kStateConduct}) {
    VKA_RETURN_IF_ERROR(ForEachBody(ws, kind, [&](Json b) {
      if (in_events.contains(Str(b, "event"))) facts.in_scope.push_back(Str(b, "id"));
      facts.records.push_back(std::move(b));
    }));
  }
  for (model::Kind kind : {model::Kind::kSituation, model::Kind::kPerson, model::Kind::kOrganization}) {
    VKA_RETURN_IF_ERROR(ForEachBody(ws, kind, [&](Json b) { facts.records.push_back(std::move(b)); }));
  }
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kSource,
                                  [&](Json b) { facts.sources.push_back(ToSource(b)); }));
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kInformation,
                                  [&](Json b) { facts.information.push_back(ToInformation(b)); }));
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kAnnotation,
                                  [&](Json b) { facts.annotations.push_back(ToAnnotation(b)); }));
  facts.Index();
  return facts;
}

Result<LegalAnalysis> AnalyseSituation(Workspace& ws, const std::string& situation) {
  LegalAnalysis a;
  VKA_ASSIGN_OR_RETURN(a.kb, legal::KnowledgeBase::BuiltIn());
  VKA_ASSIGN_OR_RETURN(a.facts, LoadSituationFacts(ws, situation));
  a.suggestions = legal::Suggest(*a.kb, a.facts);
  return a;
}

Result<std::string> DecideSuggestion(Workspace& ws, const std::string& situation,
                                     const std::string& id, bool accept,
                                     const std::string& rationale, const ChangeContext& context) {
  if (rationale.empty()) return base::InvalidArgumentError("a decision needs --rationale");
  VKA_ASSIGN_OR_RETURN(LegalAnalysis analysis, AnalyseSituation(ws, situation));
  const legal::Suggestion* found = nullptr;
  for (const legal::Suggestion& s : analysis.suggestions) {
    if (s.id == id) found = &s;
  }
  if (found == nullptr) {
    return base::NotFoundError("no suggestion " + id + " in situation " + analysis.facts.situation);
  }
  const std::string status = accept ? "accepted" : "rejected";
  ChangeContext change = context;
  if (change.reason.empty()) change.reason = status + " suggestion " + id;
  if (!found->decision.empty()) {
    VKA_RETURN_IF_ERROR(EditRecord(ws, found->decision,
                                   {{"status", status}, {"rationale", rationale},
                                    {"reviewer", context.actor}},
                                   change)
                            .status());
    return found->decision;
  }
  Json body = {{"target", found->target}, {"element", found->element},
               {"stance", "supports"},    {"status", status},
               {"rationale", rationale},  {"reviewer", context.actor},
               {"rule", found->rule},     {"suggestion", found->id}};
  return AddRecord(ws, model::Kind::kAnnotation, body.dump(), change);
}

Result<std::string> AnnotateElement(Workspace& ws, const ManualAnnotation& annotation,
                                    const ChangeContext& context) {
  VKA_ASSIGN_OR_RETURN(const legal::KnowledgeBase* kb, legal::KnowledgeBase::BuiltIn());
  if (kb->FindItem(annotation.element) == nullptr) {
    return base::NotFoundError("no legal element " + annotation.element +
                               " (see vka legal list)");
  }
  if (annotation.rationale.empty()) return base::InvalidArgumentError("an annotation needs --rationale");
  Json body = {{"target", annotation.target},
               {"element", annotation.element},
               {"stance", annotation.contradicts ? "contradicts" : "supports"},
               {"status", "accepted"},
               {"rationale", annotation.rationale},
               {"reviewer", context.actor}};
  return AddRecord(ws, model::Kind::kAnnotation, body.dump(), context);
}

Result<legal::CaseMatrix> AssessCase(const LegalAnalysis& analysis, const Workspace& ws,
                                     legal::AssessOptions options) {
  if (options.standard.empty()) options.standard = ws.config().standard_of_proof;
  return legal::Assess(*analysis.kb, analysis.facts, analysis.suggestions, options);
}

}  // namespace vka::app
