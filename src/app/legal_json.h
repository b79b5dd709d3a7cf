#pragma once

// The JSON forms of the legal analysis, shared by `vka assess --format json`,
// `vka suggestions list --format json` and GET /api/v1/matrix and
// /api/v1/suggestions (docs/api.md), so the command and the API stay
// identical.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/legal.h"
#include "base/json.h"

namespace vka::app {

// The case matrix: situation, standard, caveat, qualifications and every
// assessed element with at most `max_evidence` evidence items per stance
// (the counts are always complete).
base::Json MatrixJson(const legal::KnowledgeBase& kb, const legal::FactSet& facts,
                      const legal::CaseMatrix& matrix, int max_evidence);

// Which suggestions a listing shows; an empty member matches everything.
struct SuggestionFilter {
  std::string status;  // suggested, accepted, rejected
  std::string element;
  std::string rule;
  std::string target;
};
std::vector<const legal::Suggestion*> FilterSuggestions(const LegalAnalysis& analysis,
                                                        const SuggestionFilter& filter);

// The distinct source ids behind a suggestion's facts, sorted: the sources of
// the information records about its target (an aggregate rule: its records).
std::vector<std::string> SuggestionSources(const legal::FactSet& facts,
                                           const legal::Suggestion& suggestion);

// The suggestions as a JSON array of {id, rule, target, element, status,
// facts, rationale, caution?, sources, decision?}.
base::Json SuggestionsJson(const legal::FactSet& facts,
                           const std::vector<const legal::Suggestion*>& suggestions);

// The analysis, the assessment and MatrixJson in one call (GET /api/v1/matrix).
struct MatrixRequest {
  std::string situation;                    // empty: the only one
  std::vector<std::string> qualifications;  // empty: every crime
  std::string standard;                     // empty: the workspace's
  bool reviewed_only = false;
  int max_evidence = 50;
  std::optional<Role> reader;  // when set, only what it may read (LoadSituationFacts)
};
base::Result<base::Json> SituationMatrixJson(Workspace& ws, const MatrixRequest& request);

// One page of the suggestions that match a filter (GET /api/v1/suggestions).
struct SuggestionPage {
  std::string situation;  // the situation analysed
  base::Json items;       // SuggestionsJson of suggestions [offset, offset + limit)
  int64_t total = 0;      // every matching suggestion
};
base::Result<SuggestionPage> ListSuggestions(Workspace& ws, const std::string& situation,
                                             const SuggestionFilter& filter,
                                             std::optional<Role> reader, int64_t offset,
                                             int64_t limit);

}  // namespace vka::app
