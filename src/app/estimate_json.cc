// The JSON form of a multiple systems estimate (app/estimate_json.h).

#include "app/estimate_json.h"

#include <cmath>
#include <limits>
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

namespace {

double NumberOrNan(const Json& v) {
  return v.is_number() ? v.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

base::Result<std::vector<std::string>> StringList(const Json& json, const char* name) {
  auto it = json.find(name);
  if (it == json.end() || !it->is_array()) {
    return base::DataLossError(std::string("estimate: \"") + name + "\" is not a list");
  }
  std::vector<std::string> out;
  for (const Json& s : *it) {
    if (!s.is_string()) return base::DataLossError(std::string("estimate: \"") + name + "\" holds a non-string");
    out.push_back(s.get<std::string>());
  }
  return out;
}

// Appends one MethodResult per member of `methods` (name -> figures).
base::Status ReadMethods(const Json& methods, const std::string& stratum,
                         std::vector<stats::MethodResult>& out) {
  if (!methods.is_object()) return base::DataLossError("estimate: \"methods\" is not an object");
  for (const auto& [name, m] : methods.items()) {
    if (!m.is_object() || !m.value("observed", Json()).is_number_integer()) {
      return base::DataLossError("estimate: method " + name + " has no \"observed\" count");
    }
    stats::MethodResult r;
    r.method = name;
    r.stratum = stratum;
    r.observed = m.at("observed").get<int64_t>();
    r.estimate = NumberOrNan(m.value("estimate", Json()));
    r.missing = NumberOrNan(m.value("missing", Json()));
    r.lower = NumberOrNan(m.value("lower", Json()));
    r.upper = NumberOrNan(m.value("upper", Json()));
    r.level = m.value("level", Json()).is_number() ? m.at("level").get<double>() : 0.95;
    r.estimable = std::isfinite(r.estimate);
    r.chapman = std::numeric_limits<double>::quiet_NaN();
    VKA_ASSIGN_OR_RETURN(r.warnings, StringList(m, "warnings"));
    out.push_back(std::move(r));
  }
  return base::OkStatus();
}

}  // namespace

base::Result<stats::MseResult> MseFiguresFromJson(const Json& json) {
  if (!json.is_object()) return base::DataLossError("estimate: not a JSON object");
  stats::MseResult r;
  VKA_ASSIGN_OR_RETURN(r.list_names, StringList(json, "lists"));
  VKA_ASSIGN_OR_RETURN(r.caveats, StringList(json, "caveats"));
  VKA_RETURN_IF_ERROR(ReadMethods(json.value("methods", Json()), "", r.totals));
  if (json.contains("strata")) {
    r.stratum_column = json.value("stratum_column", "");
    if (!json.at("strata").is_array()) return base::DataLossError("estimate: \"strata\" is not a list");
    for (const Json& s : json.at("strata")) {
      if (!s.is_object() || !s.value("stratum", Json()).is_string()) {
        return base::DataLossError("estimate: a stratum without a name");
      }
      VKA_RETURN_IF_ERROR(ReadMethods(s.value("methods", Json()), s.at("stratum").get<std::string>(), r.strata));
    }
  }
  return r;
}

}  // namespace vka::app
