// vka search: full-text search of the workspace (app/search.h,
// docs/search.md), and --rebuild of its index.

#include <memory>
#include <string>
#include <vector>

#include "app/search.h"
#include "base/json.h"
#include "cli/command.h"
#include "cli/render.h"

namespace vka::cli {
namespace {

struct SearchFlags {
  std::vector<std::string> words;
  std::string kind;
  int64_t limit = 20;
  int64_t offset = 0;
  std::string role = "admin";
  std::string format = "text";
  bool rebuild = false;
};

base::Result<app::SearchQuery> MakeQuery(const SearchFlags& f) {
  app::SearchQuery query;
  for (const std::string& word : f.words) query.text += (query.text.empty() ? "" : " ") + word;
  if (!f.kind.empty()) {
    VKA_ASSIGN_OR_RETURN(query.kind, KindArg(f.kind));
  }
  std::optional<app::Role> role = app::ParseUserRole(f.role);
  if (!role) {
    return base::InvalidArgumentError("--role: unknown role \"" + f.role +
                                      "\" (admin, lawyer, documenter, reviewer, viewer)");
  }
  query.role = *role;
  query.limit = f.limit;
  query.offset = f.offset;
  return query;
}

std::string RenderText(const std::vector<app::SearchHit>& hits, const app::SearchQuery& query,
                       int64_t total) {
  std::string out;
  for (const app::SearchHit& hit : hits) {
    out += hit.id + "  " + std::string(model::KindName(hit.kind)) + "  " + hit.label + "\n";
    if (!hit.snippet.empty() && hit.snippet != hit.label) out += "    " + hit.snippet + "\n";
  }
  if (total == 0) return out + "no matches\n";
  if (hits.empty()) {
    return out + "no hits after offset " + std::to_string(query.offset) + " (" +
           std::to_string(total) + " in all)\n";
  }
  int64_t last = query.offset + static_cast<int64_t>(hits.size());
  return out + std::to_string(query.offset + 1) + "–" + std::to_string(last) + " of " +
         std::to_string(total) + "\n";
}

std::string RenderJson(const std::vector<app::SearchHit>& hits, const app::SearchQuery& query,
                       int64_t total) {
  base::Json list = base::Json::array();
  for (const app::SearchHit& hit : hits) {
    list.push_back({{"id", hit.id},
                    {"kind", model::KindName(hit.kind)},
                    {"label", hit.label},
                    {"snippet", hit.snippet},
                    {"score", hit.score}});
  }
  base::Json out = {{"query", query.text},  {"role", app::RoleName(query.role)},
                    {"total", total},       {"offset", query.offset},
                    {"limit", query.limit}, {"hits", std::move(list)}};
  return out.dump(2, ' ', false, base::Json::error_handler_t::replace) + "\n";
}

base::Status RunSearch(const Globals& g, const SearchFlags& f) {
  VKA_ASSIGN_OR_RETURN(auto ws, g.OpenWorkspace());
  if (f.rebuild) {
    if (!f.words.empty()) {
      return base::InvalidArgumentError("--rebuild takes no query");
    }
    VKA_ASSIGN_OR_RETURN(int64_t indexed, app::RebuildSearchIndex(*ws));
    return Print("search index rebuilt: " + std::to_string(indexed) + " records\n");
  }
  if (f.words.empty()) {
    return base::InvalidArgumentError("give words to search for, or --rebuild");
  }
  VKA_ASSIGN_OR_RETURN(app::SearchQuery query, MakeQuery(f));
  VKA_ASSIGN_OR_RETURN(std::vector<app::SearchHit> hits, app::Search(*ws, query));
  VKA_ASSIGN_OR_RETURN(int64_t total, app::CountSearchHits(*ws, query));
  return Print(f.format == "json" ? RenderJson(hits, query, total)
                                  : RenderText(hits, query, total));
}

}  // namespace

void SetupSearch(CLI::App& sub, Globals& g) {
  auto f = std::make_shared<SearchFlags>();
  sub.add_option("query", f->words,
                 "Words to find (all must match; the last also as a prefix); names match "
                 "across Armenian, Cyrillic and Latin spellings");
  sub.add_option("--kind", f->kind, "Only records of this kind");
  sub.add_option("--limit", f->limit, "At most this many hits (1..1000, default 20)");
  sub.add_option("--offset", f->offset, "Skip this many first hits");
  sub.add_option("--role", f->role,
                 "Show only what this role may read: admin (default), lawyer, documenter, "
                 "reviewer, viewer");
  sub.add_option("--format", f->format, "text or json")->check(CLI::IsMember({"text", "json"}));
  sub.add_flag("--rebuild", f->rebuild, "Drop the search index and build it again");
  sub.callback([&g, f] { g.action = [&g, f] { return RunSearch(g, *f); }; });
}

}  // namespace vka::cli
