#pragma once

// Full-text search across records (issue 7 part 5): testimony transcripts and
// translations, descriptions, titles, excerpts and names, in Armenian,
// Russian and English. Text is folded (NFKC, case, and Armenian and Cyrillic
// transliterated to Latin with linkage's name rules) before indexing and
// before querying, so "Оганесян", "Հովհաննիսյան" and "Hovhannisyan" find one
// another. The index (SQLite FTS5) is derived data kept beside the store and
// brought up to date from the revisions before each search; it can be
// rebuilt at any time. Sensitive fields are never indexed.

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "base/status.h"
#include "model/kinds.h"

namespace vka::app {

struct SearchQuery {
  std::string text;                 // words; all must match (prefix match on the last)
  std::optional<model::Kind> kind;  // nullopt = every kind
  Role role = Role::kAdmin;         // results are filtered to what this role may read
  int64_t limit = 50;
  int64_t offset = 0;
};

struct SearchHit {
  std::string id;
  model::Kind kind;
  std::string label;    // a display name: the record's title or first name
  std::string snippet;  // matched text with the match marked by [ and ]; never a sensitive field
  double score = 0;     // higher is better
};

// kInvalidArgument for an empty or unusable query.
base::Result<std::vector<SearchHit>> Search(Workspace& ws, const SearchQuery& query);

// Drops and rebuilds the index; returns the number of records indexed.
base::Result<int64_t> RebuildSearchIndex(Workspace& ws);

}  // namespace vka::app
