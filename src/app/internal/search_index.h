#pragma once

// The search index database (docs/search.md): WORKSPACE/index/search.db, an
// SQLite file in WAL mode beside the store, derived from it and rebuildable
// at any time. Tables:
//   state(key, value)       "format", "identity" (which workspace),
//                           "position" (the store's LeafCount when last
//                           brought up to date)
//   docs(doc, id)           one row per indexed live record; doc is its
//                           FTS5 rowid
//   fts(words, keys, tags)  FTS5: folded words, phonetic keys of names
//                           (internal/search_text.h), and "k<kind>
//                           c<confidentiality level>", by which FTS5 itself
//                           filters, so filtering comes before ranking,
//                           paging and counting
// Nothing sensitive is in it: sensitive fields are never indexed.
//
// Writers (Refresh, Rebuild) take the database's write lock (BEGIN
// IMMEDIATE); readers never block. One SearchIndex is one connection: use
// it from one thread at a time; several, in one process or many, may share
// the file.

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "linkage/names.h"
#include "model/kinds.h"
#include "storage/store.h"

namespace vka::app::internal {

inline constexpr int64_t kMaxRankedMatches = 50000;

struct IndexRow {
  std::string id;
  model::Kind kind;
  double score = 0;  // higher is better
};

struct IndexQuery {
  std::string match;                // FTS5 expression (ParseQuery)
  std::optional<model::Kind> kind;  // nullopt: every kind
  std::vector<std::string> levels;  // readable confidentiality levels
  int64_t limit = 50;
  int64_t offset = 0;
  int64_t max_ranked = kMaxRankedMatches;  // see Query
};

class SearchIndex {
 public:
  // Opens the index at path, creating it (and its folder) when missing. A
  // file of another format version or that is not a database (damaged) is
  // deleted and created afresh: the index is derived data. kIOError when
  // the file or its folder cannot be created or opened.
  static base::Result<std::unique_ptr<SearchIndex>> Open(const std::filesystem::path& path);
  ~SearchIndex();

  // Brings the index up to date with the store: nothing to do when the
  // store's LeafCount equals the stored position (one read); otherwise
  // re-indexes the records changed since (storage::Store::ForEachChangedSince)
  // in one transaction, or rebuilds when the index is empty or belongs to
  // another workspace (identity) or to an older copy of the store.
  // kUnavailable when another process holds the index's write lock longer
  // than the busy timeout (a first build of a large workspace).
  base::Status Refresh(storage::Store& store, const std::string& identity,
                       const linkage::NameNormalizer& norm);

  // Drops everything and indexes every live record, in one transaction.
  // Returns the number of records indexed.
  base::Result<int64_t> Rebuild(storage::Store& store, const std::string& identity,
                                const linkage::NameNormalizer& norm);

  // The matching rows of the readable levels (and kind), best first, paged
  // after filtering. When more than query.max_ranked rows match, they come
  // in index order (about the order records were indexed), unranked: ranking
  // a million matches takes seconds.
  base::Result<std::vector<IndexRow>> Query(const IndexQuery& query);
  // The number of such rows (limit and offset ignored).
  base::Result<int64_t> Count(const IndexQuery& query);

  struct Impl;  // the connection and its helpers (search_index.cc)

 private:
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace vka::app::internal
