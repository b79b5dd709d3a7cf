// The JSON form of a multiple systems estimate (app/estimate_json.h).

#include "app/estimate_json.h"

#include <cmath>
#include <string>
#include <vector>

namespace vka::app {
namespace {

using base::Json;

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

}  // namespace

Json MseResultJson(const stats::MseResult& r) {
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

}  // namespace vka::app
