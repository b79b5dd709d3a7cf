#include "app/internal/search_index.h"

#include <sqlite3.h>

#include <system_error>
#include <utility>

#include "app/access.h"
#include "app/internal/search_text.h"
#include "base/json.h"

namespace vka::app::internal {
namespace {

// Bump when the tables or the folding change: an index of another format is
// deleted and rebuilt.
constexpr int kFormat = 1;
// How long a writer waits for another's write lock before kUnavailable.
constexpr int kBusyTimeoutMs = 30000;
// The tables. `tags` holds "k<kind> c<level>" so that FTS5 itself filters
// by kind and readable level (a doclist intersection) and counts without
// touching another table. Ranking: bm25 with a word of the text worth more
// than a sound-alike in a name; tags do not count.
constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS state(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS docs(doc INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(words, keys, tags, prefix = '2 3',
                                                  tokenize = 'ascii');
INSERT INTO fts(fts, rank) VALUES ('rank', 'bm25(10.0, 2.0, 0.0)');
)sql";

// A tag token: the prefix and the value's ASCII letters and digits
// ("state_conduct" -> "kstateconduct").
std::string Tag(char prefix, std::string_view value) {
  std::string tag(1, prefix);
  for (char c : value) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) tag += c;
  }
  return tag;
}

std::string KindTag(model::Kind kind) { return Tag('k', model::KindName(kind)); }
std::string LevelTag(std::string_view level) { return Tag('c', level); }

base::Status SqlError(sqlite3* db, int rc, std::string_view what, const std::string& path) {
  std::string msg = "search index " + path + ": " + std::string(what) + ": " +
                    (db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return base::UnavailableError(msg +
                                    " (another process is updating the search index; "
                                    "try again)");
    case SQLITE_FULL:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return base::IOError(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return base::DataLossError(msg);
    default:
      return base::InternalError(msg);
  }
}

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StmtFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbPtr = std::unique_ptr<sqlite3, DbCloser>;
using StmtPtr = std::unique_ptr<sqlite3_stmt, StmtFinalizer>;

}  // namespace

struct SearchIndex::Impl {
  DbPtr db;
  std::string path;

  base::Status Error(int rc, std::string_view what) const {
    return SqlError(db.get(), rc, what, path);
  }

  base::Status Exec(const std::string& sql, std::string_view what) {
    int rc = sqlite3_exec(db.get(), sql.c_str(), nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? base::OkStatus() : Error(rc, what);
  }

  base::Result<StmtPtr> Prepare(const std::string& sql) {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v2(db.get(), sql.c_str(), static_cast<int>(sql.size()), &raw, nullptr);
    StmtPtr stmt(raw);
    if (rc != SQLITE_OK) return Error(rc, "prepare statement");
    return stmt;
  }

  // Steps once: true for a row, false when done.
  base::Result<bool> Step(sqlite3_stmt* stmt, std::string_view what) {
    int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    return Error(rc, what);
  }

  // Runs a statement that returns no rows, then resets it for reuse.
  base::Status Run(sqlite3_stmt* stmt, std::string_view what) {
    int rc = sqlite3_step(stmt);
    sqlite3_reset(stmt);
    return rc == SQLITE_DONE ? base::OkStatus() : Error(rc, what);
  }

  base::Result<int64_t> UserVersion() {
    VKA_ASSIGN_OR_RETURN(StmtPtr stmt, Prepare("PRAGMA user_version"));
    VKA_ASSIGN_OR_RETURN(bool row, Step(stmt.get(), "read index format"));
    return row ? sqlite3_column_int64(stmt.get(), 0) : 0;
  }

  base::Status CreateSchema();
  base::Result<std::pair<std::string, int64_t>> ReadState();
  base::Status WriteState(const std::string& identity, int64_t position);
  base::Result<int64_t> FullBuild(storage::Store& store, const linkage::NameNormalizer& norm);
  base::Status Incremental(storage::Store& store, int64_t from,
                           const linkage::NameNormalizer& norm);
  // Whether more than `bound` rows match (reads at most bound + 1).
  base::Result<bool> MatchesMoreThan(const std::string& match, int64_t bound);
};

namespace {

// Rolls back unless committed.
class WriteTxn {
 public:
  explicit WriteTxn(SearchIndex::Impl* impl) : impl_(impl) {}
  ~WriteTxn() {
    if (open_) impl_->Exec("ROLLBACK", "roll back").IgnoreError();
  }
  base::Status Begin() {
    VKA_RETURN_IF_ERROR(impl_->Exec("BEGIN IMMEDIATE", "lock the search index for writing"));
    open_ = true;
    return base::OkStatus();
  }
  base::Status Commit() {
    open_ = false;
    return impl_->Exec("COMMIT", "commit the search index");
  }

 private:
  SearchIndex::Impl* impl_;
  bool open_ = false;
};

// Statements that put one record into the index or take it out.
struct Writer {
  SearchIndex::Impl* impl;
  const linkage::NameNormalizer& norm;
  StmtPtr find_doc, insert_doc, delete_doc, insert_fts, delete_fts;
  int64_t indexed = 0;

  static base::Result<Writer> Prepare(SearchIndex::Impl* impl,
                                      const linkage::NameNormalizer& norm) {
    Writer w{impl, norm};
    VKA_ASSIGN_OR_RETURN(w.find_doc, impl->Prepare("SELECT doc FROM docs WHERE id = ?1"));
    VKA_ASSIGN_OR_RETURN(w.insert_doc, impl->Prepare("INSERT INTO docs(id) VALUES (?1)"));
    VKA_ASSIGN_OR_RETURN(w.delete_doc, impl->Prepare("DELETE FROM docs WHERE doc = ?1"));
    VKA_ASSIGN_OR_RETURN(
        w.insert_fts,
        impl->Prepare("INSERT INTO fts(rowid, words, keys, tags) VALUES (?1, ?2, ?3, ?4)"));
    VKA_ASSIGN_OR_RETURN(w.delete_fts, impl->Prepare("DELETE FROM fts WHERE rowid = ?1"));
    return w;
  }

  static void Bind(sqlite3_stmt* stmt, int col, const std::string& text) {
    sqlite3_bind_text(stmt, col, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }

  base::Result<std::optional<int64_t>> FindDoc(const std::string& id) {
    Bind(find_doc.get(), 1, id);
    auto row = impl->Step(find_doc.get(), "find indexed record");
    std::optional<int64_t> doc;
    if (row.ok() && *row) doc = sqlite3_column_int64(find_doc.get(), 0);
    sqlite3_reset(find_doc.get());
    if (!row.ok()) return row.status();
    return doc;
  }

  // Indexes the revision (or takes it out: a tombstone, or no text).
  // `fresh`: the index holds nothing of this record (a full build).
  base::Status Put(const storage::Revision& rev, bool fresh) {
    std::optional<int64_t> doc;
    if (!fresh) {
      VKA_ASSIGN_OR_RETURN(doc, FindDoc(rev.id));
      if (doc) {
        sqlite3_bind_int64(delete_fts.get(), 1, *doc);
        VKA_RETURN_IF_ERROR(impl->Run(delete_fts.get(), "remove from the index"));
      }
    }
    FoldedDocument folded;
    std::string conf;
    if (!rev.deleted) {
      auto body = base::ParseJsonStrict(rev.body);
      if (!body.ok()) return body.status().WithContext("index record " + rev.id);
      folded = FoldDocument(IndexedFields(rev.kind, *body), norm);
      conf = ConfidentialityOf(*body);
    }
    if (folded.words.empty()) return Drop(doc);
    return Insert(rev, doc, conf, folded);
  }

  base::Status Drop(std::optional<int64_t> doc) {
    if (!doc) return base::OkStatus();
    sqlite3_bind_int64(delete_doc.get(), 1, *doc);
    return impl->Run(delete_doc.get(), "remove from the index");
  }

  base::Status Insert(const storage::Revision& rev, std::optional<int64_t> doc,
                      const std::string& conf, const FoldedDocument& folded) {
    if (!doc) {
      Bind(insert_doc.get(), 1, rev.id);
      VKA_RETURN_IF_ERROR(impl->Run(insert_doc.get(), "add to the index"));
      doc = sqlite3_last_insert_rowid(impl->db.get());
    }
    std::string tags = KindTag(rev.kind) + " " + LevelTag(conf);
    sqlite3_bind_int64(insert_fts.get(), 1, *doc);
    Bind(insert_fts.get(), 2, folded.words);
    Bind(insert_fts.get(), 3, folded.keys);
    Bind(insert_fts.get(), 4, tags);
    VKA_RETURN_IF_ERROR(impl->Run(insert_fts.get(), "add to the index"));
    ++indexed;
    return base::OkStatus();
  }
};

}  // namespace

base::Status SearchIndex::Impl::CreateSchema() {
  WriteTxn txn(this);
  VKA_RETURN_IF_ERROR(txn.Begin());
  VKA_RETURN_IF_ERROR(Exec(kSchema, "create the search index"));
  VKA_RETURN_IF_ERROR(
      Exec("PRAGMA user_version = " + std::to_string(kFormat), "set the index format"));
  return txn.Commit();
}

base::Result<std::pair<std::string, int64_t>> SearchIndex::Impl::ReadState() {
  VKA_ASSIGN_OR_RETURN(
      StmtPtr stmt, Prepare("SELECT key, value FROM state WHERE key IN ('identity', 'position')"));
  std::pair<std::string, int64_t> state{"", -1};
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, Step(stmt.get(), "read the index state"));
    if (!row) return state;
    std::string key = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    if (key == "identity") {
      state.first = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 1));
    } else {
      state.second = sqlite3_column_int64(stmt.get(), 1);
    }
  }
}

base::Status SearchIndex::Impl::WriteState(const std::string& identity, int64_t position) {
  VKA_ASSIGN_OR_RETURN(StmtPtr stmt, Prepare("INSERT OR REPLACE INTO state(key, value) VALUES "
                                             "('identity', ?1), ('position', ?2)"));
  Writer::Bind(stmt.get(), 1, identity);
  sqlite3_bind_int64(stmt.get(), 2, position);
  return Run(stmt.get(), "write the index state");
}

base::Result<int64_t> SearchIndex::Impl::FullBuild(storage::Store& store,
                                                   const linkage::NameNormalizer& norm) {
  // Dropping the FTS table is far quicker than deleting its rows.
  VKA_RETURN_IF_ERROR(Exec("DELETE FROM docs; DROP TABLE fts;", "clear the search index"));
  VKA_RETURN_IF_ERROR(Exec(kSchema, "create the search index"));
  VKA_ASSIGN_OR_RETURN(Writer writer, Writer::Prepare(this, norm));
  for (model::Kind kind : model::AllKinds()) {
    VKA_RETURN_IF_ERROR(store.ForEachCurrent(
        kind, [&](const storage::Revision& rev) { return writer.Put(rev, /*fresh=*/true); }));
  }
  // One segment: queries read one b-tree per term instead of many.
  VKA_RETURN_IF_ERROR(
      Exec("INSERT INTO fts(fts) VALUES ('optimize')", "optimize the search index"));
  return writer.indexed;
}

base::Status SearchIndex::Impl::Incremental(storage::Store& store, int64_t from,
                                            const linkage::NameNormalizer& norm) {
  VKA_ASSIGN_OR_RETURN(Writer writer, Writer::Prepare(this, norm));
  return store.ForEachChangedSince(
      from, [&](const storage::Revision& rev) { return writer.Put(rev, /*fresh=*/false); });
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

namespace {

base::Result<std::unique_ptr<SearchIndex::Impl>> OpenFile(const std::string& path) {
  auto impl = std::make_unique<SearchIndex::Impl>();
  impl->path = path;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  impl->db.reset(raw);
  if (rc != SQLITE_OK) return impl->Error(rc, "open");
  sqlite3_busy_timeout(raw, kBusyTimeoutMs);
  // Derived data: a power cut may lose the last update, which the next
  // search redoes (the position is in the same transaction).
  VKA_RETURN_IF_ERROR(impl->Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL",
                                 "set up the search index"));
  return impl;
}

// Opens the file and reads its format version (0 for a new file).
base::Result<std::pair<std::unique_ptr<SearchIndex::Impl>, int64_t>> OpenWithFormat(
    const std::string& path) {
  VKA_ASSIGN_OR_RETURN(auto impl, OpenFile(path));
  VKA_ASSIGN_OR_RETURN(int64_t format, impl->UserVersion());
  return std::make_pair(std::move(impl), format);
}

void RemoveIndexFiles(const std::string& path) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace

base::Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::filesystem::path& path) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) {
    return base::IOError("create the search index folder " + path.parent_path().string() + ": " +
                         ec.message());
  }
  auto opened = OpenWithFormat(path.string());
  bool reset = opened.ok() ? opened->second != 0 && opened->second != kFormat
                           : opened.status().code() == base::StatusCode::kDataLoss;
  if (reset) {
    if (opened.ok()) opened->first.reset();  // close before deleting
    RemoveIndexFiles(path.string());
    opened = OpenWithFormat(path.string());
  }
  if (!opened.ok()) return opened.status();
  if (opened->second != kFormat) VKA_RETURN_IF_ERROR(opened->first->CreateSchema());
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(opened->first)));
}

base::Status SearchIndex::Refresh(storage::Store& store, const std::string& identity,
                                  const linkage::NameNormalizer& norm) {
  VKA_ASSIGN_OR_RETURN(auto state, impl_->ReadState());
  VKA_ASSIGN_OR_RETURN(int64_t leaves, store.LeafCount());
  if (state.first == identity && state.second == leaves) return base::OkStatus();
  WriteTxn txn(impl_.get());
  VKA_RETURN_IF_ERROR(txn.Begin());
  // Another process may have brought it up to date while we waited.
  VKA_ASSIGN_OR_RETURN(state, impl_->ReadState());
  VKA_ASSIGN_OR_RETURN(leaves, store.LeafCount());
  if (state.first == identity && state.second == leaves) return base::OkStatus();
  if (state.first != identity || state.second < 0 || state.second > leaves) {
    VKA_RETURN_IF_ERROR(impl_->FullBuild(store, norm).status());
  } else {
    VKA_RETURN_IF_ERROR(impl_->Incremental(store, state.second, norm));
  }
  VKA_RETURN_IF_ERROR(impl_->WriteState(identity, leaves));
  return txn.Commit();
}

base::Result<int64_t> SearchIndex::Rebuild(storage::Store& store, const std::string& identity,
                                           const linkage::NameNormalizer& norm) {
  WriteTxn txn(impl_.get());
  VKA_RETURN_IF_ERROR(txn.Begin());
  VKA_ASSIGN_OR_RETURN(int64_t leaves, store.LeafCount());
  VKA_ASSIGN_OR_RETURN(int64_t indexed, impl_->FullBuild(store, norm));
  VKA_RETURN_IF_ERROR(impl_->WriteState(identity, leaves));
  VKA_RETURN_IF_ERROR(txn.Commit());
  return indexed;
}

namespace {

// The MATCH expression of a query: its words, its kind, the readable levels.
std::string MatchExpression(const IndexQuery& query) {
  std::string match = "(" + query.match + ")";
  if (query.kind) match += " AND tags : \"" + KindTag(*query.kind) + "\"";
  match += " AND tags : (";
  for (size_t idx = 0; idx < query.levels.size(); ++idx) {
    match += (idx > 0 ? " OR \"" : "\"") + LevelTag(query.levels[idx]) + "\"";
  }
  return match + ")";
}

}  // namespace

base::Result<bool> SearchIndex::Impl::MatchesMoreThan(const std::string& match, int64_t bound) {
  VKA_ASSIGN_OR_RETURN(StmtPtr stmt,
                       Prepare("SELECT count(*) FROM (SELECT rowid FROM fts WHERE fts MATCH ?1 "
                               "LIMIT ?2)"));
  Writer::Bind(stmt.get(), 1, match);
  sqlite3_bind_int64(stmt.get(), 2, bound + 1);
  VKA_ASSIGN_OR_RETURN(bool row, Step(stmt.get(), "count search hits"));
  return row && sqlite3_column_int64(stmt.get(), 0) > bound;
}

base::Result<std::vector<IndexRow>> SearchIndex::Query(const IndexQuery& query) {
  std::vector<IndexRow> rows;
  if (query.levels.empty()) return rows;
  std::string match = MatchExpression(query);
  // Ranking costs about 2 µs a match: a word found in most records ("person")
  // is paged in index order instead, which FTS5 gives without sorting.
  VKA_ASSIGN_OR_RETURN(bool broad, impl_->MatchesMoreThan(match, query.max_ranked));
  std::string order = broad ? "rowid" : "rank";
  // FTS5 filters, ranks and pages on its own; only the page is joined to docs.
  VKA_ASSIGN_OR_RETURN(
      StmtPtr stmt, impl_->Prepare("SELECT d.id, m.rank FROM (SELECT rowid, rank FROM fts WHERE "
                                   "fts MATCH ?1 ORDER BY " + order +
                                   " LIMIT ?2 OFFSET ?3) m JOIN docs d ON d.doc = m.rowid "
                                   "ORDER BY m." + order + ", m.rowid"));
  Writer::Bind(stmt.get(), 1, match);
  sqlite3_bind_int64(stmt.get(), 2, query.limit);
  sqlite3_bind_int64(stmt.get(), 3, query.offset);
  while (true) {
    VKA_ASSIGN_OR_RETURN(bool row, impl_->Step(stmt.get(), "search"));
    if (!row) return rows;
    std::string id = reinterpret_cast<const char*>(sqlite3_column_text(stmt.get(), 0));
    std::optional<model::Kind> kind = model::KindOfId(id);
    if (!kind) continue;  // a kind this build does not know
    rows.push_back({std::move(id), *kind, -sqlite3_column_double(stmt.get(), 1)});
  }
}

base::Result<int64_t> SearchIndex::Count(const IndexQuery& query) {
  if (query.levels.empty()) return 0;
  VKA_ASSIGN_OR_RETURN(StmtPtr stmt, impl_->Prepare("SELECT count(*) FROM fts WHERE fts MATCH ?1"));
  std::string match = MatchExpression(query);
  Writer::Bind(stmt.get(), 1, match);
  VKA_ASSIGN_OR_RETURN(bool row, impl_->Step(stmt.get(), "count search hits"));
  return row ? sqlite3_column_int64(stmt.get(), 0) : 0;
}

}  // namespace vka::app::internal
