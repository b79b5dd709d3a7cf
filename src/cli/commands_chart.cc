// `vka chart`: draw a chart of a situation's acts, or of an MSE estimate.

#include <cstdio>
#include <memory>
#include <string>

#include "app/charts.h"
#include "cli/command.h"

namespace vka::cli {
namespace {

struct ChartFlags {
  std::string kind;
  std::string situation;
  std::string output;
  std::string language = "en";
  std::string table;
  std::string strata;
  std::string method = "all";
  double level = 0.95;
  uint64_t seed = 1;
  std::string role;  // empty: every record
};

base::Result<app::ChartRequest> ToRequest(const ChartFlags& f) {
  app::ChartRequest req;
  VKA_ASSIGN_OR_RETURN(req.kind, chart::ParseKind(f.kind));
  VKA_ASSIGN_OR_RETURN(req.language, chart::ParseLanguage(f.language));
  VKA_RETURN_IF_ERROR(chart::FormatForPath(f.output).status());
  req.situation_id = f.situation;
  req.output = f.output;
  req.table_path = f.table;
  req.stratum_column = f.strata;
  req.options.loglinear = f.method == "all" || f.method == "loglinear";
  req.options.lcmcr = f.method == "all" || f.method == "lcmcr";
  req.options.level = f.level;
  req.options.lcmcr_options.seed = f.seed;
  if (!f.role.empty()) {
    req.reader = app::ParseUserRole(f.role);
    if (!req.reader) {
      return base::InvalidArgumentError("--role: unknown role \"" + f.role +
                                        "\" (admin, lawyer, documenter, reviewer, viewer)");
    }
  }
  return req;
}

base::Status Run(const ChartFlags& f, Globals& g) {
  VKA_ASSIGN_OR_RETURN(app::ChartRequest req, ToRequest(f));
  // The estimate chart is drawn from a table or from the estimate kept with
  // a situation; it needs a workspace only for a situation.
  std::unique_ptr<app::Workspace> ws;
  if (req.kind != chart::Kind::kEstimate || !req.situation_id.empty()) {
    VKA_ASSIGN_OR_RETURN(ws, g.OpenWorkspace());
  }
  VKA_ASSIGN_OR_RETURN(app::ChartResult result, app::DrawChart(ws.get(), req));
  std::printf("wrote %s (%s chart, %s, %zu bytes)\n", result.output.c_str(),
              chart::KindName(req.kind), chart::FormatName(result.format), result.bytes);
  if (std::fflush(stdout) != 0) return base::IOError("write to standard output failed");
  return base::OkStatus();
}

}  // namespace

void SetupChart(CLI::App& sub, Globals& g) {
  auto f = std::make_shared<ChartFlags>();
  sub.add_option("kind", f->kind, "timeline, places, calendar, victims, map or estimate")
      ->required();
  sub.add_option("--situation", f->situation, "Situation id (default: the only one)");
  sub.add_option("-o,--output", f->output, "Output file: .svg, .pdf or .png")->required();
  sub.add_option("--lang", f->language, "Language of the labels: en (default), hy or ru");
  sub.add_option("--table", f->table,
                 "estimate: overlap table CSV (0/1 column per list, count), as for vka estimate; "
                 "without it, the estimate kept with --situation (vka estimate --keep-for)");
  sub.add_option("--strata", f->strata, "estimate: column whose values are strata");
  sub.add_option("--method", f->method, "estimate: loglinear, lcmcr or all (default)")
      ->check(CLI::IsMember({"loglinear", "lcmcr", "all"}));
  sub.add_option("--level", f->level, "estimate: interval level (default 0.95)")
      ->check(CLI::Range(0.5, 0.999));
  sub.add_option("--seed", f->seed, "estimate: random seed of the LCMCR sampler");
  sub.add_option("--role", f->role,
                 "Draw only what this role may read, as the web API does: admin, lawyer, "
                 "documenter, reviewer or viewer (default: every record)");
  sub.callback([&g, f] { g.action = [&g, f]() -> base::Status { return Run(*f, g); }; });
}

}  // namespace vka::cli
