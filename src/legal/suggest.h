#pragma once

// Qualification rules at work: which facts suggest which legal elements.
// A suggestion is never a finding; a lawyer accepts or rejects it.

#include <string>
#include <string_view>
#include <vector>

#include "legal/facts.h"
#include "legal/kb.h"

namespace vka::legal {

// Held by the million for a large situation, so it is lean: the rule is a
// pointer into the knowledge base (which must outlive it), and a suggestion
// about one record keeps no separate list of facts.
struct Suggestion {
  const Rule* rule = nullptr;
  // Views into the FactSet the suggestion was made from (which must outlive
  // it) and into the rule.
  std::string_view target;    // the record; the situation for an aggregate rule
  int32_t target_index = -1;  // the target's position in FactSet::records (per-record rules)
  std::string_view element;   // knowledge-base item id
  std::vector<std::string_view> records;  // an aggregate rule's records; empty otherwise
  std::string figures;               // an aggregate rule's counts, for the rationale
  std::string status = "suggested";  // or "accepted" / "rejected" when an annotation decided it
  std::string decision;              // id of that annotation

  std::string Id() const;  // SuggestionId(rule->id, target, element)
  std::string Rationale() const;
  size_t FactCount() const { return rule->aggregate ? records.size() : 1; }
};

// The stable id of the suggestion of `element` by `rule` for `target`.
std::string SuggestionId(std::string_view rule, std::string_view target,
                         std::string_view element);

// Runs every rule over the in-scope records of `facts` and returns the
// suggestions in rule order, then record order, with the status of the
// annotations that decided them (matched on rule, target and element).
// Deterministic. Pure (runs the rules on all cores).
std::vector<Suggestion> Suggest(const KnowledgeBase& kb, const FactSet& facts);

// True when every condition of `rule` (and none of its `unless`) holds for `body`.
bool RuleMatches(const Rule& rule, const FactSet& facts, const base::Json& body);

}  // namespace vka::legal
