#pragma once

// Routing of claims to processing tracks by rules kept as data
// (data/claims/routing.toml; docs/claims.md "Mass claims"). Pure.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vka::claims {

// What the rules look at, gathered by the caller from the claim, its
// properties and the overlap flags.
struct RoutingFacts {
  bool open_overlap = false;
  int evidence = 0;
  std::vector<std::string> tenure_documents;  // of the claimed properties
  double claimed_mid = 0;                     // reference money
  std::vector<std::string> forms;
};

struct RoutingRule {
  std::string name;
  std::string track;  // claim_track code
  std::optional<bool> open_overlap;
  std::optional<int> min_evidence;
  std::vector<std::string> tenure_documents_any;
  std::optional<double> max_claimed, min_claimed;
  std::vector<std::string> forms_within;

  bool Matches(const RoutingFacts& facts) const;
};

class RoutingRules {
 public:
  // The built-in rules. kInternal if they do not parse.
  static base::Result<RoutingRules> BuiltIn();
  // kInvalidArgument "<origin>: rule[i]: ..." for an unknown key, a rule
  // without name or track, or no rules at all.
  static base::Result<RoutingRules> Parse(std::string_view text, std::string_view origin);

  const std::string& version() const { return version_; }
  const std::vector<RoutingRule>& rules() const { return rules_; }

  // The first matching rule; nullptr if none (the file lacks a default).
  const RoutingRule* Route(const RoutingFacts& facts) const;

 private:
  std::string version_;
  std::vector<RoutingRule> rules_;
};

}  // namespace vka::claims
