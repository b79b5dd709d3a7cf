// The legal and linkage engines over HTTP (docs/api.md "Analysis"): the case
// matrix, the rules' suggestions and their review, the person-linkage review
// queue, and the dossier PDF.
//
// Confidentiality: the matrix, the suggestions and the dossier are computed
// from what the caller's role may read (app::AnalyseSituation with a reader),
// so their evidence, excerpts and counts never come from a record the role
// may not read; the link review lists only pairs of persons the role may
// read. Reads by roles that may read restricted records are audited.

#include <unistd.h>

#include <charconv>
#include <fstream>
#include <limits>
#include <map>
#include <mutex>
#include <random>
#include <sstream>
#include <string>

#include "app/legal.h"
#include "app/legal_json.h"
#include "app/link_persons.h"
#include "app/records.h"
#include "http/internal/api.h"

namespace vka::http::internal {
namespace {

constexpr int kDefaultMaxEvidence = 50;  // as `vka assess --max-evidence`
constexpr int kMaxEvidence = 100000;
constexpr int64_t kDefaultPairs = 20;    // as `vka link review --limit`
constexpr int64_t kMaxPairs = 500;
constexpr int64_t kDefaultSuggestions = 100;
constexpr int64_t kMaxSuggestions = 1000;

// Every value of a repeatable query parameter, "all" left out.
std::vector<std::string> Qualifications(const Call& call) {
  std::vector<std::string> out;
  const size_t count = call.req.get_param_value_count("qualification");
  for (size_t i = 0; i < count; ++i) {
    std::string q = call.req.get_param_value("qualification", i);
    if (!q.empty() && q != "all") out.push_back(std::move(q));
  }
  return out;
}

// The analyses may draw on restricted (or sealed) records for these roles:
// such reads go to the audit trail.
bool ReadsRestricted(app::Role role) { return app::MayRead(role, "restricted"); }

// The "rationale" member of a decision's body ("" when absent).
base::Result<std::string> Rationale(Call& call) {
  VKA_ASSIGN_OR_RETURN(base::Json body, call.JsonBody());
  auto it = body.find("rationale");
  if (it == body.end() || it->is_null()) return std::string();
  if (!it->is_string()) return base::InvalidArgumentError("rationale: expected a string");
  return it->get<std::string>();
}

// Whether `role` may read person `id` (missing and deleted persons: no).
base::Result<bool> MayReadPerson(app::Workspace& ws, app::Role role, const std::string& id) {
  auto rev = app::GetRecord(ws, id);
  if (!rev.ok()) {
    if (rev.status().code() == base::StatusCode::kNotFound) return false;
    return rev.status();
  }
  if (rev->deleted) return false;
  VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(rev->body));
  return app::MayRead(role, app::ConfidentialityOf(body));
}

// A fresh file name under WORKSPACE/uploads/tmp (created if missing), removed
// when the object goes out of scope.
class TempFile {
 public:
  static base::Result<TempFile> Create(const std::filesystem::path& ws_dir,
                                       const std::string& suffix) {
    VKA_ASSIGN_OR_RETURN(std::filesystem::path path, TempPath(ws_dir, suffix));
    return TempFile(std::move(path));
  }
  TempFile(TempFile&& other) noexcept : path_(std::move(other.path_)) { other.path_.clear(); }
  TempFile(const TempFile&) = delete;
  ~TempFile() {
    std::error_code ec;
    if (!path_.empty()) std::filesystem::remove(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  explicit TempFile(std::filesystem::path path) : path_(std::move(path)) {}
  std::filesystem::path path_;
};

base::Result<std::string> ReadWholeFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return base::IOError("cannot read " + path.string());
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return base::IOError("cannot read " + path.string());
  return bytes.str();
}

// "per_A,per_B" -> {"per_A", "per_B"}.
base::Result<std::pair<std::string, std::string>> SplitPair(const std::string& pair) {
  const size_t comma = pair.find(',');
  if (comma == std::string::npos || comma == 0 || comma + 1 == pair.size() ||
      pair.find(',', comma + 1) != std::string::npos) {
    return base::InvalidArgumentError("pair: expected two person ids as A,B");
  }
  return std::pair{pair.substr(0, comma), pair.substr(comma + 1)};
}

}  // namespace

void Api::RegisterAnalysis(httplib::Server& server) {
  // The case matrix, as `vka assess --format json`, of what the role may read.
  Handle(server, "GET", "/api/v1/matrix", Access::kSignedIn, [this](Call& call) -> base::Status {
    app::MatrixRequest request;
    request.situation = call.Param("situation");
    request.standard = call.Param("standard");
    request.qualifications = Qualifications(call);
    const std::string reviewed = call.Param("reviewed_only");
    if (!reviewed.empty() && reviewed != "true" && reviewed != "false") {
      return base::InvalidArgumentError("query parameter reviewed_only: expected true or false");
    }
    request.reviewed_only = reviewed == "true";
    VKA_ASSIGN_OR_RETURN(int64_t max_evidence,
                         IntParam(call, "max_evidence", kDefaultMaxEvidence, kMaxEvidence));
    request.max_evidence = static_cast<int>(max_evidence);
    request.reader = call.caller.role;
    VKA_ASSIGN_OR_RETURN(base::Json matrix, app::SituationMatrixJson(call.ws, request));
    if (ReadsRestricted(call.caller.role)) {
      Audit(call, "analysis.matrix", matrix.value("situation", ""));
    }
    call.Json(200, matrix);
    return base::OkStatus();
  });

  // The rules' suggestions, as `vka suggestions list --format json` but a
  // page at a time (a large situation has tens of thousands), made from
  // what the role may read.
  Handle(server, "GET", "/api/v1/suggestions", Access::kSignedIn,
         [this](Call& call) -> base::Status {
           const std::string status = call.Param("status");
           if (!status.empty() && status != "suggested" && status != "accepted" &&
               status != "rejected") {
             return base::InvalidArgumentError(
                 "query parameter status: expected suggested, accepted or rejected");
           }
           VKA_ASSIGN_OR_RETURN(int64_t limit,
                                IntParam(call, "limit", kDefaultSuggestions, kMaxSuggestions));
           if (limit == 0) return base::InvalidArgumentError("query parameter limit: at least 1");
           VKA_ASSIGN_OR_RETURN(int64_t offset,
                                IntParam(call, "offset", 0, std::numeric_limits<int32_t>::max()));
           VKA_ASSIGN_OR_RETURN(
               app::SuggestionPage page,
               app::ListSuggestions(
                   call.ws, call.Param("situation"),
                   {status, call.Param("element"), call.Param("rule"), call.Param("target")},
                   call.caller.role, offset, limit));
           if (ReadsRestricted(call.caller.role)) {
             Audit(call, "analysis.suggestions", page.situation);
           }
           const int64_t end = offset + static_cast<int64_t>(page.items.size());
           call.Json(200, {{"items", std::move(page.items)},
                           {"offset", offset},
                           {"limit", limit},
                           {"total", page.total},
                           {"next_offset",
                            end < page.total ? base::Json(end) : base::Json(nullptr)}});
           return base::OkStatus();
         });

  // A reviewer's decision on a suggestion: an annotation revision, as
  // `vka suggestion accept|reject ID --rationale R`.
  Handle(server, "POST", R"(/api/v1/suggestions/([A-Za-z0-9_.:-]+)/(accept|reject))",
         Access::kReviewer, [this](Call& call) -> base::Status {
           const std::string id = call.Match(1);
           const bool accept = call.Match(2) == "accept";
           VKA_ASSIGN_OR_RETURN(std::string rationale, Rationale(call));
           if (rationale.empty()) return base::InvalidArgumentError("rationale: required");
           auto lock = LockWrites();
           VKA_ASSIGN_OR_RETURN(
               std::string annotation,
               app::DecideSuggestion(call.ws, call.Param("situation"), id, accept, rationale,
                                     {call.caller.actor(), ""}, call.caller.role));
           Audit(call, accept ? "suggestion.accept" : "suggestion.reject", id, annotation);
           call.Json(200, {{"id", id},
                           {"status", accept ? "accepted" : "rejected"},
                           {"annotation", annotation}});
           return base::OkStatus();
         });

  // The uncertain person pairs of the last `vka link persons`, as `vka link
  // review --format json`, leaving out pairs with a person the role may not
  // read ("total" counts only the pairs shown to the role).
  Handle(server, "GET", "/api/v1/link/review", Access::kSignedIn,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(int64_t limit, IntParam(call, "limit", kDefaultPairs, kMaxPairs));
           VKA_ASSIGN_OR_RETURN(std::vector<app::ReviewPair> pairs, app::PairsToReview(call.ws));
           std::map<std::string, bool> readable;
           auto may_read = [&](const std::string& id) -> base::Result<bool> {
             if (auto it = readable.find(id); it != readable.end()) return it->second;
             VKA_ASSIGN_OR_RETURN(bool yes, MayReadPerson(call.ws, call.caller.role, id));
             return readable[id] = yes;
           };
           base::Json list = base::Json::array();
           int64_t total = 0;
           for (const app::ReviewPair& p : pairs) {
             VKA_ASSIGN_OR_RETURN(bool a, may_read(p.a));
             VKA_ASSIGN_OR_RETURN(bool b, may_read(p.b));
             if (!a || !b) continue;
             if (total++ < limit) list.push_back(app::ReviewPairJson(p));
           }
           if (ReadsRestricted(call.caller.role)) Audit(call, "analysis.link_review", "");
           call.Json(200, {{"pairs", list}, {"total", total}});
           return base::OkStatus();
         });

  // A reviewer's decision on a pair: a person_link revision, as `vka link
  // accept|reject A B --rationale R`. A person the role may not read is 404.
  Handle(server, "POST", R"(/api/v1/link/([^/]+)/(accept|reject))", Access::kReviewer,
         [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(auto pair, SplitPair(call.Match(1)));
           const bool same = call.Match(2) == "accept";
           VKA_ASSIGN_OR_RETURN(std::string rationale, Rationale(call));
           for (const std::string& id : {pair.first, pair.second}) {
             VKA_ASSIGN_OR_RETURN(bool readable, MayReadPerson(call.ws, call.caller.role, id));
             if (!readable) return base::NotFoundError("no person " + id);
           }
           auto lock = LockWrites();
           VKA_ASSIGN_OR_RETURN(std::string link,
                                app::DecidePersonPair(call.ws, pair.first, pair.second, same,
                                                      rationale, {call.caller.actor(), ""}));
           Audit(call, same ? "link.accept" : "link.reject", link,
                 pair.first + "," + pair.second);
           call.Json(200, {{"pair", pair.first + "," + pair.second},
                           {"decision", same ? "same_person" : "different_persons"},
                           {"person_link", link}});
           return base::OkStatus();
         });

  // The dossier as PDF, as `vka report dossier --format pdf` but of what the
  // role may read (lawyers and admins only).
  Handle(server, "GET", "/api/v1/reports/dossier.pdf", Access::kSignedIn,
         [this](Call& call) -> base::Status {
           const app::Role role = call.caller.role;
           if (role != app::Role::kLawyer && role != app::Role::kAdmin) {
             return base::PermissionDeniedError("the role " + std::string(app::RoleName(role)) +
                                                " may not do this");
           }
           VKA_ASSIGN_OR_RETURN(TempFile file, TempFile::Create(dir_, ".pdf"));
           app::LegalReportRequest request;
           request.template_name = "dossier";
           request.situation = call.Param("situation");
           request.standard = call.Param("standard");
           request.qualifications = Qualifications(call);
           request.format = "pdf";
           request.output = file.path().string();
           request.reader = role;
           {
             std::lock_guard<std::mutex> lock(pdf_mutex);
             VKA_RETURN_IF_ERROR(app::WriteLegalReport(call.ws, request).status());
           }
           VKA_ASSIGN_OR_RETURN(std::string pdf, ReadWholeFile(file.path()));
           Audit(call, "report.dossier", request.situation);
           call.res.set_header("Content-Disposition", "attachment; filename=\"dossier.pdf\"");
           call.res.set_content(std::move(pdf), "application/pdf");
           return base::OkStatus();
         });
}

}  // namespace vka::http::internal
