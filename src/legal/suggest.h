#pragma once

// Qualification rules at work: which facts suggest which legal elements.
// A suggestion is never a finding; a lawyer accepts or rejects it.

#include <string>
#include <vector>

#include "legal/facts.h"
#include "legal/kb.h"

namespace vka::legal {

struct Suggestion {
  std::string id;       // "sug_" + 16 hex digits of SHA-256(rule, target, element): stable
  std::string rule;
  std::string target;   // the record; the situation for an aggregate rule
  std::string element;  // knowledge-base item id
  std::vector<std::string> facts;  // the records behind it (the target, or the aggregate's records)
  std::string rationale;
  std::string caution;
  std::string status = "suggested";  // or "accepted" / "rejected" when an annotation decided it
  std::string decision;              // id of that annotation
};

// The stable id of the suggestion of `element` by `rule` for `target`.
std::string SuggestionId(const std::string& rule, const std::string& target,
                         const std::string& element);

// Runs every rule over the in-scope records of `facts` and returns the
// suggestions in rule order, then record order, with the status of the
// annotations that decided them. Deterministic. Pure.
std::vector<Suggestion> Suggest(const KnowledgeBase& kb, const FactSet& facts);

// True when every condition of `rule` (and none of its `unless`) holds for `body`.
bool RuleMatches(const Rule& rule, const FactSet& facts, const base::Json& body);

}  // namespace vka::legal
