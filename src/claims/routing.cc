#include "claims/routing.h"

#include <algorithm>
#include <set>

#include "base/json.h"
#include "base/toml.h"
#include "claims/internal/embedded.h"

namespace vka::claims {
namespace {

bool ContainsAny(const std::vector<std::string>& have, const std::vector<std::string>& wanted) {
  for (const auto& w : wanted) {
    if (std::find(have.begin(), have.end(), w) != have.end()) return true;
  }
  return false;
}

base::Result<RoutingRule> ParseRule(const base::Json& r, const std::string& where) {
  static const std::set<std::string> kKeys = {"name",        "track",       "open_overlap", "min_evidence",
                                              "tenure_documents_any", "max_claimed", "min_claimed", "forms_within"};
  for (const auto& [key, value] : r.items()) {
    if (!kKeys.contains(key)) return base::InvalidArgumentError(where + ": unknown condition \"" + key + "\"");
  }
  RoutingRule rule;
  rule.name = r.value("name", "");
  rule.track = r.value("track", "");
  if (rule.name.empty() || rule.track.empty()) return base::InvalidArgumentError(where + ": needs name and track");
  try {
    if (r.contains("open_overlap")) rule.open_overlap = r["open_overlap"].get<bool>();
    if (r.contains("min_evidence")) rule.min_evidence = r["min_evidence"].get<int>();
    if (r.contains("max_claimed")) rule.max_claimed = r["max_claimed"].get<double>();
    if (r.contains("min_claimed")) rule.min_claimed = r["min_claimed"].get<double>();
    rule.tenure_documents_any = r.value("tenure_documents_any", std::vector<std::string>{});
    rule.forms_within = r.value("forms_within", std::vector<std::string>{});
  } catch (const base::Json::exception&) {
    return base::InvalidArgumentError(where + ": a condition has the wrong type");
  }
  return rule;
}

}  // namespace

bool RoutingRule::Matches(const RoutingFacts& f) const {
  if (open_overlap && *open_overlap != f.open_overlap) return false;
  if (min_evidence && f.evidence < *min_evidence) return false;
  if (max_claimed && f.claimed_mid > *max_claimed) return false;
  if (min_claimed && f.claimed_mid < *min_claimed) return false;
  if (!tenure_documents_any.empty() && !ContainsAny(f.tenure_documents, tenure_documents_any)) return false;
  for (const auto& form : f.forms) {
    if (!forms_within.empty() && std::find(forms_within.begin(), forms_within.end(), form) == forms_within.end()) {
      return false;
    }
  }
  return true;
}

base::Result<RoutingRules> RoutingRules::BuiltIn() {
  for (const auto& file : internal::EmbeddedClaimsFiles()) {
    if (file.name != "routing.toml") continue;
    auto rules = Parse(file.contents, "data/claims/routing.toml");
    if (!rules.ok()) return base::InternalError("built-in routing rules: " + rules.status().message());
    return rules;
  }
  return base::InternalError("data/claims/routing.toml is not embedded");
}

base::Result<RoutingRules> RoutingRules::Parse(std::string_view text, std::string_view origin) {
  VKA_ASSIGN_OR_RETURN(toml::table table, base::ParseToml(text, origin));
  VKA_ASSIGN_OR_RETURN(base::Json doc, base::TomlToJson(table, origin));
  RoutingRules out;
  out.version_ = doc.value("version", "");
  const base::Json rules = doc.value("rule", base::Json::array());
  if (rules.empty()) return base::InvalidArgumentError(std::string(origin) + ": no [[rule]]");
  for (size_t idx = 0; idx < rules.size(); ++idx) {
    VKA_ASSIGN_OR_RETURN(RoutingRule rule,
                         ParseRule(rules[idx], std::string(origin) + ": rule[" + std::to_string(idx) + "]"));
    out.rules_.push_back(std::move(rule));
  }
  return out;
}

const RoutingRule* RoutingRules::Route(const RoutingFacts& facts) const {
  for (const auto& rule : rules_) {
    if (rule.Matches(facts)) return &rule;
  }
  return nullptr;
}

}  // namespace vka::claims
