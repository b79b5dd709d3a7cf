// Read-only engine routes (docs/api.md "Engines"): the audit trail (admins
// only), a situation's patterns and its charts (every signed-in role).
// Patterns and charts count and draw only what the caller's role may read
// (the reader of app::LoadSituationRecords), so a count never reveals a
// record the caller may not read, and breakdowns drawn from sensitive fields
// are left out for roles that may not see them.

#include <charconv>
#include <string>

#include "app/audit.h"
#include "app/chart_svg.h"
#include "app/patterns.h"
#include "app/patterns_json.h"
#include "http/internal/api.h"

namespace vka::http::internal {
namespace {

base::Json AuditEntryJson(const app::AuditEntry& e) {
  return {{"seq", e.seq},           {"at", e.at},         {"actor", e.actor},
          {"action", e.action},     {"target", e.target}, {"detail", e.detail},
          {"remote_addr", e.remote_addr}};
}

}  // namespace

void Api::RegisterEngines(httplib::Server& server) {
  // The audit trail, as `vka audit --format json` (admin only: it names who
  // read which restricted record).
  Handle(server, "GET", "/api/v1/audit", Access::kAdmin, [](Call& call) -> base::Status {
    app::AuditQuery query;
    query.actor = call.Param("actor");
    query.action = call.Param("action");
    query.target = call.Param("target");
    query.since = call.Param("since");
    VKA_ASSIGN_OR_RETURN(query.limit, IntParam(call, "limit", query.limit));
    VKA_ASSIGN_OR_RETURN(auto entries, app::QueryAudit(call.ws, query));
    base::Json out = base::Json::array();
    for (const auto& e : entries) out.push_back(AuditEntryJson(e));
    call.Json(200, {{"entries", out}});
    return base::OkStatus();
  });
  // A situation's patterns, as `vka stats --format json --role ROLE`.
  Handle(server, "GET", "/api/v1/stats", Access::kSignedIn, [](Call& call) -> base::Status {
    std::string situation = call.Param("situation");
    if (situation.empty()) {
      return base::InvalidArgumentError("query parameter situation: required (sit_...)");
    }
    VKA_ASSIGN_OR_RETURN(app::PatternsReport report,
                         app::ComputeSituationPatterns(call.ws,
                                                       {situation, "", call.caller.role}));
    VKA_ASSIGN_OR_RETURN(base::Json out, app::PatternsJson(report, call.Param("by")));
    call.Json(200, out);
    return base::OkStatus();
  });
  // A situation chart as SVG, as `vka chart KIND --output x.svg --role ROLE`.
  Handle(server, "GET", R"(/api/v1/charts/([a-z]+)\.svg)", Access::kSignedIn,
         [](Call& call) -> base::Status {
           std::string situation = call.Param("situation");
           if (situation.empty()) {
             return base::InvalidArgumentError("query parameter situation: required (sit_...)");
           }
           std::string lang = call.Param("lang");
           VKA_ASSIGN_OR_RETURN(std::string svg,
                                app::SituationChartSvg(call.ws, call.Match(1), situation,
                                                       lang.empty() ? "en" : lang,
                                                       call.caller.role));
           call.res.set_content(svg, "image/svg+xml");
           return base::OkStatus();
         });
}

}  // namespace vka::http::internal
