// `vka estimate`: multiple systems estimation from an overlap table.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "app/estimate.h"
#include "app/estimate_json.h"
#include "base/json.h"
#include "cli/command.h"

namespace vka::cli {
namespace {


struct EstimateFlags {
  std::string table;
  std::string method = "all";
  std::string strata;
  std::string format = "text";
  std::string criterion = "aic";
  bool average = false;
  bool three_way = false;
  double level = 0.95;
  uint64_t seed = 1;
  stats::LcmcrOptions lcmcr;
  std::string keep_for;  // a situation id: keep the estimate with it
  std::string counts;    // what the lists count (with keep_for)
};

std::string Count(double v) {
  if (!std::isfinite(v)) return "unbounded";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.0f", v);
  return buf;
}

std::string Describe(const stats::MethodResult& r, const std::vector<std::string>& names) {
  if (r.loglinear) {
    const auto& e = *r.loglinear;
    std::string crit = e.criterion == stats::Criterion::kAic ? "AIC" : "BIC";
    std::string how = e.averaged ? "averaged over " + std::to_string(e.models_usable) + " models by " + crit
                                 : "model " + stats::ModelName(e.chosen.terms, names) + ", chosen by " +
                                       crit + " among " + std::to_string(e.models_usable) + " usable models";
    return "log-linear (" + how + ")";
  }
  const auto& e = *r.lcmcr;
  char buf[160];
  std::snprintf(buf, sizeof buf, "latent class LCMCR (K*=%d, %d chains x %lld iterations, R-hat %.3f, ESS %.0f)",
                e.options.k_star, e.options.chains, static_cast<long long>(e.iterations_per_chain),
                e.rhat, e.ess);
  return buf;
}

void PrintMethod(const stats::MethodResult& r, const std::vector<std::string>& names,
                 const std::string& indent) {
  std::printf("%s%s\n", indent.c_str(), Describe(r, names).c_str());
  if (r.estimable) {
    std::printf("%s  estimated total %s, %.0f%% interval %s to %s; undocumented about %s\n",
                indent.c_str(), Count(r.estimate).c_str(), 100 * r.level, Count(r.lower).c_str(),
                Count(r.upper).c_str(), Count(r.missing).c_str());
  } else {
    std::printf("%s  no estimate (see warnings)\n", indent.c_str());
  }
  if (std::isfinite(r.chapman)) {
    std::printf("%s  Chapman's two-list estimate: %s\n", indent.c_str(), Count(r.chapman).c_str());
  }
  for (const auto& w : r.warnings) std::printf("%s  warning: %s\n", indent.c_str(), w.c_str());
}

void PrintText(const stats::MseResult& r) {
  std::string lists;
  for (const auto& n : r.list_names) lists += (lists.empty() ? "" : ", ") + n;
  std::printf("Multiple systems estimation over %zu lists (%s)\n", r.list_names.size(), lists.c_str());
  if (!r.totals.empty()) std::printf("Documented: %lld people\n\n", static_cast<long long>(r.totals[0].observed));
  for (const auto& m : r.totals) PrintMethod(m, r.list_names, "");
  if (!r.strata.empty()) std::printf("\nBy %s:\n", r.stratum_column.c_str());
  for (const auto& m : r.strata) {
    std::printf("  [%s] documented %lld\n", m.stratum.c_str(), static_cast<long long>(m.observed));
    PrintMethod(m, r.list_names, "  ");
  }
  std::printf("\n");
  for (const auto& c : r.caveats) std::printf("Note: %s\n", c.c_str());
}

base::Result<app::EstimateRequest> ToRequest(const EstimateFlags& f) {
  app::EstimateRequest req;
  req.table_path = f.table;
  req.stratum_column = f.strata;
  stats::MseOptions& o = req.options;
  o.loglinear = f.method == "all" || f.method == "loglinear";
  o.lcmcr = f.method == "all" || f.method == "lcmcr";
  o.level = f.level;
  o.loglinear_options.criterion = f.criterion == "bic" ? stats::Criterion::kBic : stats::Criterion::kAic;
  o.loglinear_options.average = f.average;
  o.loglinear_options.three_way = f.three_way;
  o.lcmcr_options = f.lcmcr;
  o.lcmcr_options.seed = f.seed;
  return req;
}

}  // namespace

void SetupEstimate(CLI::App& sub, Globals& g) {
  auto f = std::make_shared<EstimateFlags>();
  sub.add_option("--table", f->table, "Overlap table CSV: one 0/1 column per list, a count column")
      ->required();
  sub.add_option("--method", f->method, "loglinear, lcmcr or all (default)")
      ->check(CLI::IsMember({"loglinear", "lcmcr", "all"}));
  sub.add_option("--strata", f->strata, "Column whose values are strata (estimate each, then sum)");
  sub.add_option("--level", f->level, "Interval level (default 0.95)")->check(CLI::Range(0.5, 0.999));
  sub.add_option("--seed", f->seed, "Random seed of the LCMCR sampler (same seed, same draws)");
  sub.add_option("--format", f->format, "text (default) or json")->check(CLI::IsMember({"text", "json"}));
  sub.add_option("--criterion", f->criterion, "Log-linear model selection: aic (default) or bic")
      ->check(CLI::IsMember({"aic", "bic"}));
  sub.add_flag("--average", f->average, "Average log-linear models by criterion weights");
  sub.add_flag("--three-way", f->three_way, "Also search three-way interactions (up to 5 lists)");
  sub.add_option("--k-star", f->lcmcr.k_star, "LCMCR: maximum number of latent classes (default 10)")
      ->check(CLI::Range(1, 64));
  sub.add_option("--burn-in", f->lcmcr.burn_in, "LCMCR: iterations discarded per chain (default 10000)");
  sub.add_option("--samples", f->lcmcr.samples, "LCMCR: draws kept per chain (default 1000)");
  sub.add_option("--thinning", f->lcmcr.thinning, "LCMCR: iterations per kept draw (default 10)");
  sub.add_option("--chains", f->lcmcr.chains, "LCMCR: chains, run on 2 threads (default 2)");
  sub.add_option("--keep-for", f->keep_for,
                 "Keep the estimate with this situation (sit_...): vka stats shows it beside the "
                 "documented counts");
  sub.add_option("--counts", f->counts, "With --keep-for: what the lists count, e.g. \"persons killed\"");
  sub.callback([&g, f] {
    g.action = [&g, f]() -> base::Status {
      if (f->keep_for.empty() != f->counts.empty()) {
        return base::InvalidArgumentError("--keep-for and --counts go together");
      }
      VKA_ASSIGN_OR_RETURN(app::EstimateRequest req, ToRequest(*f));
      VKA_ASSIGN_OR_RETURN(stats::MseResult result, app::EstimateFromTable(req));
      if (!f->keep_for.empty()) {
        VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
        VKA_RETURN_IF_ERROR(app::KeepEstimate(*ws, {f->keep_for, f->counts}, req, result));
        std::fprintf(stderr, "kept with %s: vka stats --situation %s shows it\n",
                     f->keep_for.c_str(), f->keep_for.c_str());
      }
      if (f->format == "json") {
        std::cout << app::MseResultJson(result).dump(2) << "\n";
      } else {
        PrintText(result);
      }
      std::cout.flush();
      if (!std::cout) return base::IOError("write to standard output failed");
      return base::OkStatus();
    };
  });
}

}  // namespace vka::cli
