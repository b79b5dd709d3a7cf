#include "app/search.h"

#include <filesystem>
#include <memory>

#include "app/internal/search_index.h"
#include "app/internal/search_text.h"
#include "base/json.h"
#include "linkage/names.h"

namespace vka::app {
namespace {

// ICU transliterators are costly to build and not thread-safe: one per thread.
base::Result<const linkage::NameNormalizer*> Normalizer() {
  thread_local std::unique_ptr<linkage::NameNormalizer> norm;
  if (!norm) {
    VKA_ASSIGN_OR_RETURN(norm, linkage::NameNormalizer::Create());
  }
  return norm.get();
}

std::filesystem::path IndexPath(const Workspace& ws) { return ws.dir() / "index" / "search.db"; }

// Which workspace an index belongs to: an index copied with another
// workspace's files, or left from a workspace re-created in the same folder,
// is rebuilt.
std::string Identity(const Workspace& ws) {
  return ws.config().log_origin + " " + ws.config().created;
}

base::Status CheckQuery(const SearchQuery& query) {
  if (query.role == Role::kPublic) {
    return base::PermissionDeniedError(
        "search is for signed-in users; the public memorial applies consent, which search "
        "does not");
  }
  if (query.limit < 1 || query.limit > kMaxSearchLimit) {
    return base::InvalidArgumentError("search limit must be 1.." + std::to_string(kMaxSearchLimit) +
                                      ", not " + std::to_string(query.limit));
  }
  if (query.offset < 0) {
    return base::InvalidArgumentError("search offset must not be negative");
  }
  return base::OkStatus();
}

struct Prepared {
  const linkage::NameNormalizer* norm = nullptr;
  internal::ParsedQuery parsed;
  std::unique_ptr<internal::SearchIndex> index;
  internal::IndexQuery index_query;
};

// Checks and parses the query, and opens the index brought up to date.
base::Result<Prepared> Prepare(Workspace& ws, const SearchQuery& query) {
  VKA_RETURN_IF_ERROR(CheckQuery(query));
  Prepared p;
  VKA_ASSIGN_OR_RETURN(p.norm, Normalizer());
  VKA_ASSIGN_OR_RETURN(p.parsed, internal::ParseQuery(query.text, *p.norm));
  VKA_ASSIGN_OR_RETURN(p.index, internal::SearchIndex::Open(IndexPath(ws)));
  VKA_RETURN_IF_ERROR(p.index->Refresh(ws.store(), Identity(ws), *p.norm));
  p.index_query = {p.parsed.match, query.kind, ReadableLevels(query.role), query.limit,
                   query.offset};
  return p;
}

}  // namespace

base::Result<std::vector<SearchHit>> Search(Workspace& ws, const SearchQuery& query) {
  VKA_ASSIGN_OR_RETURN(Prepared p, Prepare(ws, query));
  VKA_ASSIGN_OR_RETURN(std::vector<internal::IndexRow> rows, p.index->Query(p.index_query));
  internal::SnippetMaker snippets(p.parsed, *p.norm);
  std::vector<SearchHit> hits;
  hits.reserve(rows.size());
  for (internal::IndexRow& row : rows) {
    // The record as it is now: a write committed since the refresh may have
    // deleted it or raised its level, and the index must not leak either.
    VKA_ASSIGN_OR_RETURN(std::optional<storage::Revision> latest, ws.store().Latest(row.id));
    if (!latest || latest->deleted) continue;
    VKA_ASSIGN_OR_RETURN(base::Json body, base::ParseJsonStrict(latest->body));
    if (!MayRead(query.role, ConfidentialityOf(body))) continue;
    hits.push_back({std::move(row.id), row.kind, internal::RecordLabel(body),
                    snippets.Make(internal::IndexedFields(row.kind, body)), row.score});
  }
  return hits;
}

base::Result<int64_t> CountSearchHits(Workspace& ws, const SearchQuery& query) {
  VKA_ASSIGN_OR_RETURN(Prepared p, Prepare(ws, query));
  return p.index->Count(p.index_query);
}

base::Result<int64_t> RebuildSearchIndex(Workspace& ws) {
  VKA_ASSIGN_OR_RETURN(const linkage::NameNormalizer* norm, Normalizer());
  VKA_ASSIGN_OR_RETURN(auto index, internal::SearchIndex::Open(IndexPath(ws)));
  return index->Rebuild(ws.store(), Identity(ws), *norm);
}

}  // namespace vka::app
