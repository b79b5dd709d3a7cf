// The reparations registry (docs/api.md "Claims", docs/claims.md): the list,
// one claim with its valuation, deadlines and history, workflow transitions,
// the registry summary and the duplicate review. What a role reads is decided
// in app/claims_access.h (readable claims only, before paging and counting).
//
// Who may move a claim: writers (documenter, lawyer, admin) for workflow
// moves; a decision (granted, partly_granted, rejected) needs app::MayReview
// (reviewer, lawyer, admin), as does the review of a duplicate flag.
//
// Mass claims (app/claims_mass.h): routing, drawing a verification sample,
// recording findings and applying a precedent need app::MayReview. Routing
// and drawing refuse (403) a selection holding a claim the role may not
// read: the web acts only on what its user sees; an admin, or the CLI,
// handles the rest. The claimant's statement PDF: whoever may read the
// claim and every record it names (app::CheckStatementReadable), with the
// persons' sensitive fields only for app::MaySeeSensitive.
// The claims package: lawyers and admins, over the claims they may read.

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <vector>

#include "app/claims.h"
#include "app/claims_access.h"
#include "app/claims_json.h"
#include "app/claims_mass.h"
#include "app/claims_outputs.h"
#include "app/record_view.h"
#include "base/clock.h"
#include "base/edtf.h"
#include "http/internal/api.h"
#include "model/kinds.h"

namespace vka::http::internal {
namespace {

using base::Json;

constexpr int64_t kDefaultPageSize = 50;
constexpr int64_t kMaxPageSize = 500;
constexpr char kClaimId[] = "(clm_[0-9A-Za-z]{1,64})";
constexpr char kFlagId[] = "(ovl_[0-9a-f]{16})";
constexpr char kSampleId[] = "(smp_[0-9A-Za-z]{1,64})";

// One field problem as 422 {"error":{..., "details":[{"path","problem"}]}}.
base::Status FieldProblem(Call& call, const std::string& path, const std::string& problem) {
  SendError(call.res, 422, "invalid_argument", path + ": " + problem,
            Json::array({{{"path", path}, {"problem", problem}}}));
  return base::OkStatus();
}

// Field errors ("path: problem" lines) of a refused claim as 422 details;
// other errors pass through.
base::Status Unprocessable(Call& call, const base::Status& status) {
  if (status.code() != base::StatusCode::kInvalidArgument) return status;
  SendError(call.res, 422, "invalid_argument", "the claim has errors",
            FieldErrorDetails(status.message()));
  return base::OkStatus();
}

Json ClaimantJson(const app::ClaimView& view, const std::string& name) {
  if (view.facts.claimant.empty()) return nullptr;
  return {{"id", view.facts.claimant}, {"name", name.empty() ? Json() : Json(name)}};
}

Json ListItemJson(const app::ClaimListItem& item) {
  return {{"id", item.head.id},
          {"rev", item.head.rev},
          {"at", item.head.at},
          {"by", item.head.by},
          {"status", item.view.facts.status},
          {"track", item.view.facts.track},
          {"claimant", ClaimantJson(item.view, item.claimant_name)},
          {"household", item.household.empty() ? Json() : Json(item.household)},
          {"forms", item.view.facts.forms},
          {"filed", item.view.facts.filed},
          {"claimed", app::IntervalJson(item.view.claimed)}};
}

// The claim's deadlines, each marked overdue when its last day is before
// today (a deadline of an open claim; final claims have none overdue).
Json DeadlinesJson(const Json& body, bool final_status) {
  Json out = Json::array();
  auto it = body.find("deadlines");
  if (it == body.end() || !it->is_array()) return out;
  auto today = base::EdtfDate::Parse(base::NowRfc3339().substr(0, 10));
  for (const auto& d : *it) {
    if (!d.is_object()) continue;
    std::string due = d.value("due", "");
    auto date = base::EdtfDate::Parse(due);
    bool overdue = !final_status && date.ok() && today.ok() && date->latest() < today->earliest();
    out.push_back({{"what", d.value("what", "")}, {"due", due}, {"overdue", overdue}});
  }
  return out;
}

Json HistoryJson(const std::vector<app::RevisionView>& history) {
  Json out = Json::array();
  for (const auto& r : history) {
    Json changed = Json::array();
    for (const auto& change : r.changes) changed.push_back(change.path);
    Json status;
    if (r.body && r.body->contains("status")) status = (*r.body)["status"];
    out.push_back({{"rev", r.rev.rev},
                   {"at", r.rev.at},
                   {"by", r.rev.by},
                   {"reason", r.rev.reason},
                   {"status", status},
                   {"changes", std::move(changed)}});
  }
  return out;
}

Json DetailJson(const app::ClaimDetail& d) {
  Json out = app::ClaimViewJson(d.view);
  const Json& body = d.record.body;
  out["rev"] = d.record.head.rev;
  out["at"] = d.record.head.at;
  out["by"] = d.record.head.by;
  out["claimant"] = ClaimantJson(d.view, d.claimant_name);
  out["household"] = body.contains("household") ? body["household"] : Json();
  out["deadlines"] = DeadlinesJson(body, d.view.next_statuses.empty());
  out["decision"] = body.contains("decision") ? body["decision"] : Json();
  out["body"] = body;
  out["history"] = HistoryJson(d.history);
  return out;
}

// A list of strings from a JSON string or array of strings.
base::Result<std::vector<std::string>> Strings(const Json& request, const char* name) {
  std::vector<std::string> out;
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) return out;
  if (it->is_string()) {
    if (!it->get_ref<const std::string&>().empty()) out.push_back(*it);
    return out;
  }
  if (!it->is_array())
    return base::InvalidArgumentError(std::string(name) + ": expected a list of strings");
  for (const auto& v : *it) {
    if (!v.is_string())
      return base::InvalidArgumentError(std::string(name) + ": expected a list of strings");
    out.push_back(v);
  }
  return out;
}

base::Result<std::string> OptionalString(const Json& request, const char* name) {
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) return std::string();
  if (!it->is_string())
    return base::InvalidArgumentError(std::string(name) + ": expected a string");
  return it->get<std::string>();
}

// Awards as app::Transition wants them ("form:amount:currency:year"), from
// objects {"form","amount","currency","year"} or strings of that form.
base::Result<std::vector<std::string>> Awards(const Json& request) {
  std::vector<std::string> out;
  auto it = request.find("awards");
  if (it == request.end() || it->is_null()) return out;
  auto bad = base::InvalidArgumentError(
      "awards: expected a list of {\"form\",\"amount\",\"currency\",\"year\"}");
  if (!it->is_array()) return bad;
  for (const auto& a : *it) {
    if (a.is_string()) {
      out.push_back(a);
      continue;
    }
    if (!a.is_object() || !a.contains("form") || !a["form"].is_string() || !a.contains("amount") ||
        !a["amount"].is_number() || !a.contains("currency") || !a["currency"].is_string() ||
        !a.contains("year") || !a["year"].is_number_integer()) {
      return bad;
    }
    out.push_back(a["form"].get<std::string>() + ":" + a["amount"].dump() + ":" +
                  a["currency"].get<std::string>() + ":" +
                  std::to_string(a["year"].get<int64_t>()));
  }
  return out;
}

base::Result<app::Transition> ParseTransition(const std::string& id, const Json& request) {
  app::Transition t;
  t.id = id;
  VKA_ASSIGN_OR_RETURN(t.to, OptionalString(request, "to"));
  if (t.to.empty()) return base::InvalidArgumentError("to: required (the new status)");
  VKA_ASSIGN_OR_RETURN(t.legal_basis, Strings(request, "legal_basis"));
  VKA_ASSIGN_OR_RETURN(t.evidence, Strings(request, "evidence"));
  VKA_ASSIGN_OR_RETURN(t.awards, Awards(request));
  VKA_ASSIGN_OR_RETURN(t.date, OptionalString(request, "date"));
  VKA_ASSIGN_OR_RETURN(t.precedent, OptionalString(request, "precedent"));
  return t;
}

// The first of the ids the role may not read but that exists, so that a
// decision citing it is refused exactly as one citing a missing record.
base::Result<std::string> HiddenReference(Call& call, const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    if (!model::KindOfId(id)) continue;
    auto view = app::ViewRecord(call.ws, call.caller.role, id);
    if (view.ok() || view.status().code() != base::StatusCode::kNotFound) continue;
    VKA_ASSIGN_OR_RETURN(auto latest, call.ws.store().Latest(id));
    if (latest) return id;
  }
  return std::string();
}

base::Result<bool> OptionalBool(const Json& request, const char* name) {
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) return false;
  if (!it->is_boolean()) return base::InvalidArgumentError(std::string(name) + ": expected true or false");
  return it->get<bool>();
}

base::Result<double> OptionalNumber(const Json& request, const char* name, double fallback) {
  auto it = request.find(name);
  if (it == request.end() || it->is_null()) return fallback;
  if (!it->is_number()) return base::InvalidArgumentError(std::string(name) + ": expected a number");
  return it->get<double>();
}

// Refuses a mass operation over a selection holding a claim the role may
// not read (see the file comment). One filter per selected status.
base::Status RequireAllReadable(Call& call, std::vector<app::ClaimFilter> filters) {
  if (app::MayRead(call.caller.role, "sealed")) return base::OkStatus();
  for (auto& f : filters) {
    f.limit = 0;
    VKA_ASSIGN_OR_RETURN(auto mine, app::ListClaimsFor(call.ws, call.caller.role, f));
    VKA_ASSIGN_OR_RETURN(auto all, app::ListClaimsFor(call.ws, app::Role::kAdmin, f));
    if (mine.size() != all.size()) {
      return base::PermissionDeniedError(
          "the selection includes claims the role " + std::string(app::RoleName(call.caller.role)) +
          " may not read; an admin must do this (or use the CLI)");
    }
  }
  return base::OkStatus();
}

// A fresh folder under WORKSPACE/uploads/tmp, removed with what it holds
// when the last owner lets go (kept alive by a streamed response).
class TempDir {
 public:
  static base::Result<std::shared_ptr<TempDir>> Create(const std::filesystem::path& ws_dir,
                                                       const std::string& prefix) {
    std::random_device random;
    std::filesystem::path dir = ws_dir / "uploads" / "tmp" /
                                (prefix + std::to_string(::getpid()) + "-" +
                                 std::to_string(random()) + std::to_string(random()));
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return base::IOError("cannot create a temporary folder: " + ec.message());
    return std::shared_ptr<TempDir>(new TempDir(std::move(dir)));
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempDir(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

base::Status SendFile(Call& call, std::shared_ptr<TempDir> dir, const std::filesystem::path& path,
                      const std::string& content_type, const std::string& filename) {
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return base::IOError("cannot read " + path.filename().string());
  call.res.set_header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return StreamFile(call.res, path, size, content_type, std::move(dir));
}

// A sample's claims as the role may see them; kNotFound when it sees none.
base::Result<Json> SampleJson(Call& call, const std::string& sample_id) {
  VKA_ASSIGN_OR_RETURN(app::SampleListing s, app::ListSample(call.ws, sample_id));
  Json claims = Json::array();
  int64_t hidden = 0, recorded = 0, total_recorded = 0;
  for (const auto& c : s.claims) {
    if (!c.result.empty()) ++total_recorded;
    if (!app::MayRead(call.caller.role, c.confidentiality)) {
      ++hidden;
      continue;
    }
    if (!c.result.empty()) ++recorded;
    claims.push_back({{"id", c.id},
                      {"result", c.result.empty() ? Json() : Json(c.result)},
                      {"checker", c.checker.empty() ? Json() : Json(c.checker)},
                      {"checked", c.checked.empty() ? Json() : Json(c.checked)},
                      {"note", c.note.empty() ? Json() : Json(c.note)}});
  }
  if (claims.empty()) return base::NotFoundError("no claim was drawn into sample " + sample_id);
  Json conclusion;
  if (total_recorded == static_cast<int64_t>(s.claims.size())) {
    auto c = app::ConcludeSample(call.ws, sample_id, 0);
    if (c.ok()) conclusion = app::SampleConclusionJson(*c);
  }
  return Json{{"sample", s.sample},
              {"population", s.population},
              {"population_size", s.population_size},
              {"size", s.size},
              {"seed", s.seed},
              {"margin", s.margin},
              {"confidence", s.confidence},
              {"drawn", s.drawn},
              {"claims", std::move(claims)},
              {"hidden", hidden},
              {"recorded", recorded},
              {"conclusion", std::move(conclusion)}};
}

}  // namespace

void Api::RegisterClaims(httplib::Server& server) {
  Handle(server, "GET", "/api/v1/claims", Access::kSignedIn, [](Call& call) -> base::Status {
    app::ClaimFilter filter{.status = call.Param("status"), .track = call.Param("track")};
    VKA_ASSIGN_OR_RETURN(filter.limit, IntParam(call, "limit", kDefaultPageSize));
    VKA_ASSIGN_OR_RETURN(filter.offset, IntParam(call, "offset", 0));
    if (filter.limit == 0 || filter.limit > kMaxPageSize) {
      return base::InvalidArgumentError("limit: expected 1 to " + std::to_string(kMaxPageSize));
    }
    int64_t limit = filter.limit;
    filter.limit = limit + 1;  // one more tells whether a next page exists
    VKA_ASSIGN_OR_RETURN(auto items, app::ListClaimsFor(call.ws, call.caller.role, filter));
    bool more = static_cast<int64_t>(items.size()) > limit;
    if (more) items.pop_back();
    Json out = Json::array();
    std::string reference;
    for (const auto& item : items) {
      out.push_back(ListItemJson(item));
      reference = item.view.reference;
    }
    call.Json(200, {{"items", std::move(out)},
                    {"offset", filter.offset},
                    {"limit", limit},
                    {"next_offset", more ? Json(filter.offset + limit) : Json()},
                    {"reference", reference}});
    return base::OkStatus();
  });

  Handle(server, "GET", "/api/v1/claims/summary", Access::kSignedIn,
         [](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(claims::GroupBy by, claims::ParseGroupBy(call.Param("by")));
           VKA_ASSIGN_OR_RETURN(claims::Summary summary,
                                app::SummarizeClaimsFor(call.ws, call.caller.role, by));
           call.Json(200, app::ClaimsSummaryJson(summary));
           return base::OkStatus();
         });

  Handle(server, "GET", "/api/v1/claims/duplicates", Access::kSignedIn,
         [](Call& call) -> base::Status {
           std::string type = call.Param("type");
           bool unreviewed = call.Param("unreviewed") == "true";
           VKA_ASSIGN_OR_RETURN(auto flags, app::ClaimOverlapsFor(call.ws, call.caller.role));
           std::erase_if(flags, [&](const app::ReviewedFlag& f) {
             return (!type.empty() && f.flag.type != type) || (unreviewed && !f.decision.empty());
           });
           call.Json(200, {{"flags", app::OverlapFlagsJson(flags)}});
           return base::OkStatus();
         });

  Handle(server, "POST", std::string("/api/v1/claims/duplicates/") + kFlagId + "/(confirm|dismiss)",
         Access::kReviewer, [this](Call& call) -> base::Status {
           std::string flag = call.Match(1);
           std::string decision = call.Match(2) == "confirm" ? "confirmed" : "dismissed";
           VKA_ASSIGN_OR_RETURN(Json request, call.JsonBody());
           VKA_ASSIGN_OR_RETURN(std::string reason, OptionalString(request, "reason"));
           if (reason.empty())
             return FieldProblem(call, "reason", "required: the rationale of the decision");
           auto lock = LockWrites();
           // Only a flag the caller can see may be decided (a flag over a
           // hidden claim is absent, exactly as an unknown one).
           VKA_ASSIGN_OR_RETURN(auto visible, app::ClaimOverlapsFor(call.ws, call.caller.role));
           bool found = false;
           for (const auto& f : visible) found = found || f.flag.id == flag;
           if (!found) return base::NotFoundError("no current duplicate flag " + flag);
           auto revised =
               app::ReviewClaimOverlap(call.ws, flag, decision, {call.caller.actor(), reason});
           if (!revised.ok()) return Unprocessable(call, revised.status());
           Audit(call, "claim.duplicate." + call.Match(2), flag);
           call.Json(200, {{"flag", flag}, {"decision", decision}, {"claims_revised", *revised}});
           return base::OkStatus();
         });

  Handle(server, "GET", std::string("/api/v1/claims/") + kClaimId, Access::kSignedIn,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(app::ClaimDetail detail,
                                app::ViewClaimFor(call.ws, call.caller.role, call.Match(1)));
           // As GET /api/v1/records/{id}: reads of restricted and sealed
           // records are audited.
           std::string level = app::ConfidentialityOf(detail.record.body);
           if (level == "restricted" || level == "sealed")
             Audit(call, "record.read", detail.record.head.id, level);
           call.Json(200, DetailJson(detail));
           return base::OkStatus();
         });

  Handle(server, "POST", std::string("/api/v1/claims/") + kClaimId + "/transition",
         Access::kSignedIn, [this](Call& call) -> base::Status {
           std::string id = call.Match(1);
           VKA_ASSIGN_OR_RETURN(Json request, call.JsonBody());
           VKA_ASSIGN_OR_RETURN(app::Transition t, ParseTransition(id, request));
           bool decision = app::IsClaimDecisionStatus(t.to);
           if (decision ? !app::MayReview(call.caller.role) : !app::MayWrite(call.caller.role)) {
             return base::PermissionDeniedError(
                 std::string("the role ") + std::string(app::RoleName(call.caller.role)) +
                 " may not " +
                 (decision ? "decide a claim (reviewer, lawyer or admin)"
                           : "move a claim (documenter, lawyer or admin)"));
           }
           VKA_ASSIGN_OR_RETURN(std::string reason, OptionalString(request, "reason"));
           auto lock = LockWrites();
           VKA_ASSIGN_OR_RETURN(app::ClaimDetail before,
                                app::ViewClaimFor(call.ws, call.caller.role, id));
           if (reason.empty())
             return FieldProblem(call, "reason", "required: say why, for the claim's history");
           if (decision && t.legal_basis.empty()) {
             return FieldProblem(
                 call, "legal_basis",
                 "a decision must cite its legal basis (KB ids, e.g. bpg.20, pinheiro.2)");
           }
           std::vector<std::string> cited = t.evidence;
           if (!t.precedent.empty()) cited.push_back(t.precedent);
           VKA_ASSIGN_OR_RETURN(std::string hidden, HiddenReference(call, cited));
           if (!hidden.empty())
             return FieldProblem(call, "decision",
                                 "refers to " + hidden + ", which does not exist");
           auto rev = app::TransitionClaim(call.ws, t, {call.caller.actor(), reason});
           if (rev.status().code() == base::StatusCode::kFailedPrecondition) {
             Json allowed = Json::array();
             for (const auto& s : before.view.next_statuses) allowed.push_back(s);
             SendError(call.res, 409, "conflict", rev.status().message(),
                       Json::array({{{"path", "to"},
                                     {"problem", rev.status().message()},
                                     {"allowed", std::move(allowed)}}}));
             return base::OkStatus();
           }
           if (!rev.ok()) return Unprocessable(call, rev.status());
           Audit(call, "claim.transition", id, before.view.facts.status + " -> " + t.to);
           call.Json(200, {{"id", id}, {"rev", *rev}, {"status", t.to}});
           return base::OkStatus();
         });
  RegisterClaimsMass(server);
}

void Api::RegisterClaimsMass(httplib::Server& server) {
  Handle(server, "POST", "/api/v1/claims/route", Access::kReviewer,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(Json request, call.JsonBody());
           if (request.contains("rules"))
             return FieldProblem(call, "rules",
                                 "only the built-in rules over the web; use `vka claims route --rules FILE`");
           app::RouteRequest route;
           VKA_ASSIGN_OR_RETURN(route.statuses, Strings(request, "statuses"));
           VKA_ASSIGN_OR_RETURN(route.dry_run, OptionalBool(request, "dry_run"));
           VKA_ASSIGN_OR_RETURN(std::string reason, OptionalString(request, "reason"));
           if (reason.empty())
             return FieldProblem(call, "reason", "required: why the claims are routed");
           auto lock = LockWrites();
           std::vector<app::ClaimFilter> filters;
           for (const auto& status : route.statuses) filters.push_back({.status = status});
           if (filters.empty()) filters.push_back({});
           VKA_RETURN_IF_ERROR(RequireAllReadable(call, filters));
           auto report = app::RouteClaims(call.ws, route, {call.caller.actor(), reason});
           if (!report.ok()) return Unprocessable(call, report.status());
           if (report->written)
             Audit(call, "claims.route", report->rules,
                   std::to_string(report->changed.size()) + " claims changed track");
           call.Json(200, app::RouteReportJson(*report));
           return base::OkStatus();
         });

  Handle(server, "POST", "/api/v1/claims/samples", Access::kReviewer,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(Json request, call.JsonBody());
           app::SampleRequest sample;
           VKA_ASSIGN_OR_RETURN(sample.track, OptionalString(request, "track"));
           VKA_ASSIGN_OR_RETURN(sample.status, OptionalString(request, "status"));
           VKA_ASSIGN_OR_RETURN(sample.margin, OptionalNumber(request, "margin", 0.05));
           VKA_ASSIGN_OR_RETURN(sample.confidence, OptionalNumber(request, "confidence", 0.95));
           VKA_ASSIGN_OR_RETURN(sample.dry_run, OptionalBool(request, "dry_run"));
           if (auto it = request.find("seed"); it != request.end() && !it->is_null()) {
             if (!it->is_number_unsigned())
               return FieldProblem(call, "seed", "expected a non-negative integer");
             sample.seed = it->get<uint64_t>();
           }
           VKA_ASSIGN_OR_RETURN(std::string reason, OptionalString(request, "reason"));
           if (reason.empty())
             return FieldProblem(call, "reason", "required: why the sample is drawn");
           auto lock = LockWrites();
           VKA_RETURN_IF_ERROR(RequireAllReadable(
               call, {app::ClaimFilter{.status = sample.status, .track = sample.track}}));
           auto drawn = app::DrawVerificationSample(call.ws, sample, {call.caller.actor(), reason});
           if (!drawn.ok()) return Unprocessable(call, drawn.status());
           if (drawn->written) Audit(call, "claims.sample.draw", drawn->id, drawn->population);
           call.Json(drawn->written ? 201 : 200, app::DrawnSampleJson(*drawn));
           return base::OkStatus();
         });

  Handle(server, "GET", std::string("/api/v1/claims/samples/") + kSampleId, Access::kSignedIn,
         [](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(Json out, SampleJson(call, call.Match(1)));
           call.Json(200, out);
           return base::OkStatus();
         });

  Handle(server, "POST", std::string("/api/v1/claims/samples/") + kSampleId + "/findings",
         Access::kReviewer, [this](Call& call) -> base::Status {
           std::string sample = call.Match(1);
           VKA_ASSIGN_OR_RETURN(Json request, call.JsonBody());
           VKA_ASSIGN_OR_RETURN(std::string claim, OptionalString(request, "claim"));
           VKA_ASSIGN_OR_RETURN(std::string result, OptionalString(request, "result"));
           VKA_ASSIGN_OR_RETURN(std::string reason, OptionalString(request, "reason"));
           if (claim.empty()) return FieldProblem(call, "claim", "required: the sampled claim");
           if (result != "correct" && result != "error")
             return FieldProblem(call, "result", "expected correct or error");
           if (reason.empty())
             return FieldProblem(call, "reason", "required: what the check found");
           auto lock = LockWrites();
           VKA_RETURN_IF_ERROR(app::ViewClaimFor(call.ws, call.caller.role, claim).status());
           base::Status recorded = app::RecordSampleFinding(call.ws, sample, claim, result,
                                                            {call.caller.actor(), reason});
           if (!recorded.ok()) return Unprocessable(call, recorded);
           Audit(call, "claims.sample.finding", claim, sample + ": " + result);
           VKA_ASSIGN_OR_RETURN(Json out, SampleJson(call, sample));
           call.Json(200, out);
           return base::OkStatus();
         });

  Handle(server, "POST", "/api/v1/claims/precedent", Access::kReviewer,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(Json request, call.JsonBody());
           app::PrecedentRequest precedent;
           VKA_ASSIGN_OR_RETURN(precedent.precedent, OptionalString(request, "precedent"));
           VKA_ASSIGN_OR_RETURN(precedent.targets, Strings(request, "to"));
           VKA_ASSIGN_OR_RETURN(precedent.apply, OptionalBool(request, "apply"));
           VKA_ASSIGN_OR_RETURN(std::string reason, OptionalString(request, "reason"));
           if (precedent.precedent.empty())
             return FieldProblem(call, "precedent", "required: the decided claim to follow");
           if (precedent.targets.empty())
             return FieldProblem(call, "to", "required: the claims to decide");
           if (reason.empty())
             return FieldProblem(call, "reason", "required: the decisions' reasons");
           auto lock = LockWrites();
           // A claim the role may not read is absent, as a missing one.
           std::vector<std::string> named = precedent.targets;
           named.push_back(precedent.precedent);
           for (const auto& id : named) {
             auto view = app::ViewClaimFor(call.ws, call.caller.role, id);
             if (!view.ok()) return Unprocessable(call, view.status());
           }
           auto plan = app::ApplyPrecedent(call.ws, precedent, {call.caller.actor(), reason});
           if (!plan.ok()) return Unprocessable(call, plan.status());
           if (plan->written)
             Audit(call, "claims.precedent.apply", plan->precedent,
                   std::to_string(plan->targets.size()) + " claims decided");
           call.Json(200, app::PrecedentPlanJson(*plan));
           return base::OkStatus();
         });

  Handle(server, "GET", std::string("/api/v1/claims/") + kClaimId + "/statement.pdf",
         Access::kSignedIn, [this](Call& call) -> base::Status {
           std::string id = call.Match(1);
           std::string lang = call.Param("lang");
           if (!lang.empty() && lang != "en" && lang != "hy" && lang != "ru")
             return base::InvalidArgumentError("lang: expected en, hy or ru");
           VKA_RETURN_IF_ERROR(app::ViewClaimFor(call.ws, call.caller.role, id).status());
           VKA_RETURN_IF_ERROR(app::CheckStatementReadable(call.ws, call.caller.role, id));
           VKA_ASSIGN_OR_RETURN(auto dir, TempDir::Create(dir_, "statement-"));
           app::StatementOptions options{.id = id,
                                         .lang = lang,
                                         .include_sensitive = app::MaySeeSensitive(call.caller.role)};
           std::filesystem::path pdf = dir->path() / (id + ".pdf");
           app::StatementFile file;
           {
             std::lock_guard<std::mutex> lock(pdf_mutex);
             VKA_ASSIGN_OR_RETURN(file, app::WriteStatement(call.ws, options, pdf.string()));
           }
           Audit(call, "claim.statement", id, file.lang);
           return SendFile(call, std::move(dir), pdf, "application/pdf",
                           id + "-" + file.lang + ".pdf");
         });

  Handle(server, "GET", "/api/v1/claims/package", Access::kSignedIn,
         [this](Call& call) -> base::Status {
           const app::Role role = call.caller.role;
           if (role != app::Role::kLawyer && role != app::Role::kAdmin) {
             return base::PermissionDeniedError("the role " + std::string(app::RoleName(role)) +
                                                " may not export a claims package (lawyer or admin)");
           }
           std::string file = call.Param("file").empty() ? "csv" : call.Param("file");
           if (file != "csv" && file != "ndjson")
             return base::InvalidArgumentError("file: expected csv or ndjson");
           app::ClaimsPackageOptions options;
           const size_t count = call.req.get_param_value_count("status");
           for (size_t i = 0; i < count; ++i) {
             std::string status = call.req.get_param_value("status", i);
             if (!status.empty()) options.statuses.push_back(status);
           }
           auto lock = LockWrites();  // the bag records an "exported" custody event
           // The claims the role may read, as the package's ids file.
           VKA_ASSIGN_OR_RETURN(auto readable,
                                app::ListClaimsFor(call.ws, role, app::ClaimFilter{.limit = 0}));
           VKA_ASSIGN_OR_RETURN(auto dir, TempDir::Create(dir_, "package-"));
           std::filesystem::path ids = dir->path() / "readable.txt";
           {
             std::ofstream out(ids);
             for (const auto& item : readable) out << item.head.id << "\n";
             if (!out.flush()) return base::IOError("cannot write a temporary file");
           }
           options.ids_file = ids.string();
           options.dir = (dir->path() / "package").string();
           auto summary = app::ExportClaimsPackage(
               call.ws, options, {call.caller.actor(), "claims package from the web"});
           if (!summary.ok()) return Unprocessable(call, summary.status());
           Audit(call, "claims.package", file, std::to_string(summary->claims) + " claims");
           std::string name = "claims." + file;
           return SendFile(call, std::move(dir), std::filesystem::path(options.dir) / name,
                           file == "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson",
                           name);
         });
}

}  // namespace vka::http::internal
