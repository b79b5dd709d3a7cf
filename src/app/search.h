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
//
// Details (docs/search.md): the index is WORKSPACE/index/search.db, created
// on first use (a first search of a large workspace builds it: about 90 s
// of CPU per million persons) and brought up to date from the revisions
// logged since the last search; deleted records drop out. Hits are the
// records the role may read, best first (in index order, unranked, when
// more than 50,000 match), with `offset` and `limit` applied after that
// filter. FTS5 syntax in `text` (quotes, *, NEAR, AND, OR, NOT,
// parentheses, column filters) is folded away like any punctuation: it is
// never interpreted. Other errors: kInvalidArgument also for limit outside
// 1..kMaxSearchLimit, a negative offset, more than 16 words or 1000 bytes,
// text that is not UTF-8; kPermissionDenied for Role::kPublic (the
// memorial applies consent, which search does not); kUnavailable when
// another process holds the index's write lock for longer than 30 s;
// kIOError when the index cannot be created or written. Works while another
// process writes the workspace (it reads the store). Thread-safe if each
// thread uses its own Workspace.
inline constexpr int64_t kMaxSearchLimit = 1000;
base::Result<std::vector<SearchHit>> Search(Workspace& ws, const SearchQuery& query);

// The number of hits Search pages through for the query (its limit and
// offset ignored): only records the role may read, so a count never reveals
// a hidden record. Same errors as Search.
base::Result<int64_t> CountSearchHits(Workspace& ws, const SearchQuery& query);

// Drops and rebuilds the index; returns the number of records indexed.
base::Result<int64_t> RebuildSearchIndex(Workspace& ws);

}  // namespace vka::app
