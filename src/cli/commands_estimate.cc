// `vka estimate`: multiple systems estimation from an overlap table.

#include <cmath>
#include <cstdio>
#include <iostream>
#include <string>

#include "app/estimate.h"
#include "base/json.h"
#include "cli/command.h"

namespace vka::cli {
namespace {

using base::Json;

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
};

Json Num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

Json Strings(const std::vector<std::string>& v) {
  Json a = Json::array();
  for (const auto& s : v) a.push_back(s);
  return a;
}

Json Terms(const std::vector<uint32_t>& terms, const std::vector<std::string>& names) {
  Json a = Json::array();
  for (uint32_t t : terms) a.push_back(stats::TermName(t, names));
  return a;
}

Json LoglinearJson(const stats::LoglinearEstimate& e, const std::vector<std::string>& names,
                   double chapman) {
  Json m = {{"search", e.search},
            {"criterion", e.criterion == stats::Criterion::kAic ? "aic" : "bic"},
            {"averaged", e.averaged},
            {"models_considered", e.models_considered},
            {"models_usable", e.models_usable}};
  if (e.estimable) {
    m["terms"] = Terms(e.chosen.terms, names);
    m["name"] = stats::ModelName(e.chosen.terms, names);
    m["params"] = e.chosen.params;
    m["df"] = e.chosen.df;
    m["deviance"] = Num(e.chosen.deviance);
    m["aic"] = Num(e.chosen.aic);
    m["bic"] = Num(e.chosen.bic);
  }
  Json ranking = Json::array();
  for (size_t i = 0; i < e.ranking.size(); ++i) {
    const auto& f = e.ranking[i];
    ranking.push_back({{"name", stats::ModelName(f.terms, names)}, {"aic", Num(f.aic)},
                       {"bic", Num(f.bic)}, {"df", f.df}, {"deviance", Num(f.deviance)},
                       {"estimate", Num(static_cast<double>(e.observed) + f.n0)},
                       {"weight", Num(e.weights[i])}});
  }
  m["ranking"] = ranking;
  if (std::isfinite(chapman)) m["chapman"] = chapman;
  return m;
}

Json LcmcrJson(const stats::LcmcrEstimate& e) {
  return {{"k_star", e.options.k_star},     {"burn_in", e.options.burn_in},
          {"samples", e.options.samples},   {"thinning", e.options.thinning},
          {"chains", e.options.chains},     {"iterations_per_chain", e.iterations_per_chain},
          {"seed", e.options.seed},         {"a_alpha", e.options.a_alpha},
          {"b_alpha", e.options.b_alpha},   {"posterior_mean", Num(e.mean)},
          {"rhat", Num(e.rhat)},            {"ess", Num(e.ess)}};
}

Json MethodJson(const stats::MethodResult& r, const std::vector<std::string>& names) {
  Json j = {{"observed", r.observed},  {"estimate", Num(r.estimate)}, {"missing", Num(r.missing)},
            {"lower", Num(r.lower)},   {"upper", Num(r.upper)},       {"level", r.level},
            {"warnings", Strings(r.warnings)}};
  if (r.loglinear) j["model"] = LoglinearJson(*r.loglinear, names, r.chapman);
  if (r.lcmcr) j["model"] = LcmcrJson(*r.lcmcr);
  return j;
}

Json ResultJson(const stats::MseResult& r) {
  Json methods = Json::object();
  for (const auto& m : r.totals) methods[m.method] = MethodJson(m, r.list_names);
  Json j = {{"lists", Strings(r.list_names)}, {"methods", methods}, {"caveats", Strings(r.caveats)}};
  if (!r.stratum_column.empty()) {
    j["stratum_column"] = r.stratum_column;
    Json strata = Json::array();
    for (const auto& m : r.strata) {
      if (strata.empty() || strata.back()["stratum"] != m.stratum) {
        strata.push_back({{"stratum", m.stratum}, {"methods", Json::object()}});
      }
      strata.back()["methods"][m.method] = MethodJson(m, r.list_names);
    }
    j["strata"] = strata;
  }
  return j;
}

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
  sub.callback([&g, f] {
    g.action = [f]() -> base::Status {
      VKA_ASSIGN_OR_RETURN(app::EstimateRequest req, ToRequest(*f));
      VKA_ASSIGN_OR_RETURN(stats::MseResult result, app::EstimateFromTable(req));
      if (f->format == "json") {
        std::cout << ResultJson(result).dump(2) << "\n";
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
