#include "app/legal.h"

#include <algorithm>
#include <sstream>
#include <future>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "app/files.h"
#include "app/log.h"
#include "app/records.h"
#include "base/clock.h"
#include "report/html.h"
#include "report/legal_report.h"
#include "report/pdf.h"
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

// Reads the live records of `kind` and converts their bodies with `parse`
// on all cores; the results are in the store's order.
template <typename T>
Result<std::vector<T>> ReadParallel(Workspace& ws, model::Kind kind,
                                    const std::function<Result<T>(const std::string&)>& parse) {
  std::vector<std::string> texts;
  std::vector<std::string> ids;
  VKA_RETURN_IF_ERROR(ws.store().ForEachCurrent(kind, [&](const storage::Revision& rev) -> Status {
    texts.push_back(rev.body);
    ids.push_back(rev.id);
    return base::OkStatus();
  }));
  std::vector<T> out(texts.size());
  const size_t workers = std::max(1u, std::thread::hardware_concurrency());
  const size_t chunk = (texts.size() + workers - 1) / workers;
  std::vector<std::future<Status>> jobs;
  for (size_t start = 0; start < texts.size(); start += chunk) {
    jobs.push_back(std::async(std::launch::async, [&, start]() -> Status {
      for (size_t i = start; i < std::min(texts.size(), start + chunk); ++i) {
        Result<T> value = parse(texts[i]);
        if (!value.ok()) return value.status().WithContext("read " + ids[i]);
        out[i] = std::move(*value);
        std::string().swap(texts[i]);
      }
      return base::OkStatus();
    }));
  }
  Status status = base::OkStatus();
  for (auto& job : jobs) {
    Status s = job.get();
    if (status.ok()) status = s;
  }
  if (!status.ok()) return status;
  return out;
}

Result<std::vector<Json>> ReadBodies(Workspace& ws, model::Kind kind) {
  return ReadParallel<Json>(ws, kind, [](const std::string& text) {
    return base::ParseJsonStrict(text);
  });
}

Status ForEachBody(Workspace& ws, model::Kind kind, const std::function<void(Json)>& fn) {
  VKA_ASSIGN_OR_RETURN(std::vector<Json> bodies, ReadBodies(ws, kind));
  for (Json& body : bodies) fn(std::move(body));
  return base::OkStatus();
}

Result<legal::SourceFacts> ParseSource(const std::string& text) {
  legal::SourceFacts s;
  VKA_RETURN_IF_ERROR(base::VisitJsonLeaves(text, [&](std::string_view path, std::string_view v) {
    if (path == "id") s.id = v;
    else if (path == "title") s.title = v;
    else if (path == "type") s.type = v;
    else if (path == "origin") s.origin = v;
    else if (path == "reliability" && v.size() == 1) s.reliability = v[0];
    else if (path == "obtained_under_torture") s.obtained_under_torture = v == "true";
    else if (path == "confidentiality") s.confidentiality = v;
    else if (path.starts_with("consent.")) {
      s.consent_recorded = true;
      if (path == "consent.withdrawn") s.consent_withdrawn = v == "true";
      if (path == "consent.scopes" && v == "legal_use") s.consent_legal_use = true;
    }
  }));
  return s;
}

Result<legal::InformationFacts> ParseInformation(const std::string& text) {
  legal::InformationFacts i;
  VKA_RETURN_IF_ERROR(base::VisitJsonLeaves(text, [&](std::string_view path, std::string_view v) {
    if (path == "id") i.id = v;
    else if (path == "source") i.source = v;
    else if (path == "record") i.record = v;
    else if (path == "field") i.field = v;
    else if (path == "locator") i.locator = v;
    else if (path == "excerpt") i.excerpt = v;
    else if (path == "credibility" && v.size() == 1 && v[0] >= '1' && v[0] <= '6') i.credibility = v[0] - '0';
    else if (path == "stance") i.contradicts = v == "contradicts";
    else if (path == "confidentiality") i.confidentiality = v;
  }));
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
  a.rule = Str(body, "rule");
  return a;
}

// The requested situation, or the only one; a reader sees only the
// situations it may read.
Result<std::string> ChooseSituation(Workspace& ws, const std::string& requested,
                                    std::optional<Role> reader) {
  std::vector<std::string> ids;
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kSituation, [&](Json body) {
    if (!reader || MayRead(*reader, ConfidentialityOf(body))) ids.push_back(Str(body, "id"));
  }));
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

// What a reader may see of the facts (LoadSituationFacts). Remembers the ids
// it leaves out, so that what refers to them can be left out too.
class ReaderFilter {
 public:
  explicit ReaderFilter(std::optional<Role> reader) : reader_(reader) {}

  // Whether the reader may read the record; a kept body loses the sensitive
  // fields the reader may not see (RedactFor).
  bool Keep(model::Kind kind, Json& body) {
    if (!reader_) return true;
    std::optional<Json> seen = RedactFor(*reader_, kind, body);
    if (!seen) {
      Hide(Str(body, "id"));
      return false;
    }
    body = *std::move(seen);
    return true;
  }
  // The same for a record held as parsed facts, by its level ("" = internal).
  bool KeepLevel(const std::string& id, const std::string& confidentiality) {
    if (!reader_ || MayRead(*reader_, confidentiality.empty() ? "internal" : confidentiality)) {
      return true;
    }
    Hide(id);
    return false;
  }
  bool Hidden(const std::string& id) const { return hidden_.contains(id); }
  void Hide(const std::string& id) { hidden_.insert(id); }

  // Whether the reader may read an annotation's target. The kinds loaded
  // before annotations were decided on the way; another kind's (a property,
  // say) level is read from the store. A missing target stays, as without a
  // reader, as does a deleted one.
  Result<bool> MayReadTarget(Workspace& ws, const std::string& id) const {
    if (!reader_) return true;
    if (Hidden(id)) return false;
    const std::optional<model::Kind> kind = model::KindOfId(id);
    if (!kind || kLoadedKinds.contains(*kind)) return true;
    Result<storage::Revision> rev = GetRecord(ws, id);
    if (!rev.ok()) {
      if (rev.status().code() == base::StatusCode::kNotFound) return true;
      return rev.status();
    }
    if (rev->deleted) return true;
    VKA_ASSIGN_OR_RETURN(Json body, base::ParseJsonStrict(rev->body));
    return MayRead(*reader_, ConfidentialityOf(body));
  }

 private:
  static inline const std::unordered_set<model::Kind> kLoadedKinds = {
      model::Kind::kSituation, model::Kind::kEvent,        model::Kind::kAct,
      model::Kind::kDisplacement, model::Kind::kStateConduct, model::Kind::kPerson,
      model::Kind::kOrganization, model::Kind::kPlace,     model::Kind::kSource,
      model::Kind::kInformation};

  std::optional<Role> reader_;
  std::unordered_set<std::string> hidden_;
};

}  // namespace

Result<legal::FactSet> LoadSituationFacts(Workspace& ws, const std::string& situation,
                                          std::optional<Role> reader) {
  legal::FactSet facts;
  ReaderFilter filter(reader);
  VKA_ASSIGN_OR_RETURN(facts.situation, ChooseSituation(ws, situation, reader));
  std::vector<Json> events;
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kEvent, [&](Json b) {
    if (filter.Keep(model::Kind::kEvent, b)) events.push_back(std::move(b));
  }));
  const std::unordered_set<std::string> in_events = SituationEvents(events, facts.situation);
  for (Json& e : events) {
    if (in_events.contains(Str(e, "id"))) facts.in_scope.push_back(Str(e, "id"));
    facts.records.push_back(std::move(e));
  }
  for (model::Kind kind : {model::Kind::kAct, model::Kind::kDisplacement, model::Kind::kStateConduct}) {
    VKA_RETURN_IF_ERROR(ForEachBody(ws, kind, [&](Json b) {
      if (!filter.Keep(kind, b)) return;
      if (in_events.contains(Str(b, "event"))) facts.in_scope.push_back(Str(b, "id"));
      facts.records.push_back(std::move(b));
    }));
  }
  for (model::Kind kind : {model::Kind::kSituation, model::Kind::kPerson, model::Kind::kOrganization,
                           model::Kind::kPlace}) {
    VKA_RETURN_IF_ERROR(ForEachBody(ws, kind, [&](Json b) {
      if (filter.Keep(kind, b)) facts.records.push_back(std::move(b));
    }));
  }
  VKA_ASSIGN_OR_RETURN(facts.sources,
                       ReadParallel<legal::SourceFacts>(ws, model::Kind::kSource, ParseSource));
  std::erase_if(facts.sources, [&](const legal::SourceFacts& s) {
    return !filter.KeepLevel(s.id, s.confidentiality);
  });
  VKA_ASSIGN_OR_RETURN(facts.information,
                       ReadParallel<legal::InformationFacts>(ws, model::Kind::kInformation,
                                                             ParseInformation));
  std::erase_if(facts.information, [&](const legal::InformationFacts& i) {
    if (filter.Hidden(i.source) || filter.Hidden(i.record)) {
      filter.Hide(i.id);
      return true;
    }
    return !filter.KeepLevel(i.id, i.confidentiality);
  });
  std::vector<Json> annotations;
  VKA_RETURN_IF_ERROR(ForEachBody(ws, model::Kind::kAnnotation, [&](Json b) {
    if (filter.Keep(model::Kind::kAnnotation, b)) annotations.push_back(std::move(b));
  }));
  for (const Json& b : annotations) {
    VKA_ASSIGN_OR_RETURN(bool readable, filter.MayReadTarget(ws, Str(b, "target")));
    if (readable) facts.annotations.push_back(ToAnnotation(b));
  }
  facts.Index();
  return facts;
}

Result<LegalAnalysis> AnalyseSituation(Workspace& ws, const std::string& situation,
                                       std::optional<Role> reader) {
  LegalAnalysis a;
  VKA_ASSIGN_OR_RETURN(a.kb, legal::KnowledgeBase::BuiltIn());
  VKA_ASSIGN_OR_RETURN(a.facts, LoadSituationFacts(ws, situation, reader));
  a.suggestions = legal::Suggest(*a.kb, a.facts);
  return a;
}

Result<std::string> DecideSuggestion(Workspace& ws, const std::string& situation,
                                     const std::string& id, bool accept,
                                     const std::string& rationale, const ChangeContext& context,
                                     std::optional<Role> reader) {
  if (rationale.empty()) return base::InvalidArgumentError("a decision needs --rationale");
  VKA_ASSIGN_OR_RETURN(LegalAnalysis analysis, AnalyseSituation(ws, situation, reader));
  const legal::Suggestion* found = nullptr;
  for (const legal::Suggestion& s : analysis.suggestions) {
    if (s.Id() == id) found = &s;
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
               {"rule", found->rule->id}, {"suggestion", id}};
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
  if (options.standard.empty()) {
    // The workspace's standard, with the criteria it overrides.
    const WorkspaceConfig& c = ws.config();
    options.standard = c.standard_of_proof;
    options.min_origins = c.min_origins;
    options.max_reliability = c.max_reliability;
    options.max_credibility = c.max_credibility;
  }
  return legal::Assess(*analysis.kb, analysis.facts, analysis.suggestions, options);
}

namespace {

std::string SituationName(const legal::FactSet& facts) {
  const Json* s = facts.Find(facts.situation);
  return s ? Str(*s, "name") : std::string();
}

}  // namespace

Result<LegalReportResult> WriteLegalReport(Workspace& ws, const LegalReportRequest& request) {
  if (request.format != "html" && request.format != "pdf") {
    return base::InvalidArgumentError("unknown format " + request.format + " (html, pdf)");
  }
  if (request.output.empty()) return base::InvalidArgumentError("name the output file with -o");
  VKA_ASSIGN_OR_RETURN(LegalAnalysis analysis,
                       AnalyseSituation(ws, request.situation, request.reader));
  legal::AssessOptions options;
  options.standard = request.standard;
  options.qualifications = request.qualifications;
  VKA_ASSIGN_OR_RETURN(legal::CaseMatrix matrix, AssessCase(analysis, ws, options));
  const legal::StateResponsibility state =
      legal::AssessStateResponsibility(*analysis.kb, analysis.facts, analysis.suggestions);
  VKA_ASSIGN_OR_RETURN(LogState log, CurrentCheckpoint(ws));
  VKA_ASSIGN_OR_RETURN(std::string key, LogVerifierKey(ws));
  report::LegalReportInput input{*analysis.kb, analysis.facts, matrix, state};
  input.situation_name = SituationName(analysis.facts);
  input.workspace_name = ws.config().name;
  input.checkpoint = log.checkpoint;
  input.verifier_key = key;
  input.generated_at = base::NowRfc3339();
  input.max_rows = request.max_rows;
  VKA_ASSIGN_OR_RETURN(report::Document doc,
                       report::BuildLegalReport(request.template_name, input));
  LegalReportResult result;
  result.output = request.output;
  if (request.format == "pdf") {
    VKA_ASSIGN_OR_RETURN(result.pages, report::WritePdf(doc, request.output));
    result.bytes = std::filesystem::file_size(request.output);
    return result;
  }
  std::ostringstream html;
  VKA_RETURN_IF_ERROR(report::WriteHtml(doc, html));
  VKA_RETURN_IF_ERROR(WriteFileAtomically(request.output, html.str()));
  result.bytes = html.str().size();
  return result;
}

}  // namespace vka::app
