// Search, export and import (docs/api.md). Exports hold only what the role
// may read; imports are all or nothing (app/import.h).

#include <unistd.h>

#include <fstream>
#include <random>

#include "app/export.h"
#include "app/import.h"
#include "app/search.h"
#include "base/sha256.h"
#include "http/internal/api.h"

namespace vka::http::internal {
namespace {

constexpr int64_t kDefaultHits = 20;
constexpr int64_t kMaxHits = 200;

// Removes a file when it goes out of scope.
struct FileRemover {
  std::filesystem::path path;
  ~FileRemover() {
    std::error_code ec;
    std::filesystem::remove(path, ec);
  }
};

base::Result<app::ExportFormat> FormatParam(const Call& call) {
  std::string format = call.Param("format");
  if (format.empty() || format == "ndjson") return app::ExportFormat::kNdjson;
  if (format == "csv") return app::ExportFormat::kCsv;
  return base::InvalidArgumentError("format: expected ndjson or csv");
}

}  // namespace

void Api::RegisterData(httplib::Server& server) {
  Handle(server, "GET", "/api/v1/search", Access::kSignedIn, [](Call& call) -> base::Status {
    app::SearchQuery query;
    query.text = call.Param("q");
    if (std::string kind = call.Param("kind"); !kind.empty()) {
      VKA_ASSIGN_OR_RETURN(query.kind, model::ParseKindName(kind));
    }
    query.role = call.caller.role;
    VKA_ASSIGN_OR_RETURN(query.limit, IntParam(call, "limit", kDefaultHits));
    VKA_ASSIGN_OR_RETURN(query.offset, IntParam(call, "offset", 0));
    if (query.limit == 0 || query.limit > kMaxHits) {
      return base::InvalidArgumentError("limit: expected 1 to " + std::to_string(kMaxHits));
    }
    VKA_ASSIGN_OR_RETURN(auto hits, app::Search(call.ws, query));
    base::Json items = base::Json::array();
    for (const auto& hit : hits) {
      items.push_back({{"id", hit.id},
                       {"kind", model::KindName(hit.kind)},
                       {"label", hit.label},
                       {"snippet", hit.snippet},
                       {"score", hit.score}});
    }
    call.Json(200, {{"items", std::move(items)}, {"offset", query.offset}, {"limit", query.limit}});
    return base::OkStatus();
  });

  Handle(server, "GET", "/api/v1/export", Access::kSignedIn, [this](Call& call) -> base::Status {
    app::ExportOptions options;
    VKA_ASSIGN_OR_RETURN(options.format, FormatParam(call));
    if (std::string kind = call.Param("kind"); !kind.empty()) {
      VKA_ASSIGN_OR_RETURN(options.kind, model::ParseKindName(kind));
    }
    options.role = call.caller.role;
    bool csv = options.format == app::ExportFormat::kCsv;
    VKA_ASSIGN_OR_RETURN(std::filesystem::path path, TempPath(dir_, csv ? ".csv" : ".ndjson"));
    auto remover = std::make_shared<FileRemover>(FileRemover{path});
    VKA_ASSIGN_OR_RETURN(int64_t n, app::ExportToFile(call.ws, options, path.string()));
    Audit(call, "export", options.kind ? std::string(model::KindName(*options.kind)) : "",
          std::to_string(n) + " records");
    // Streamed from the file, which is removed when the response is done.
    std::error_code ec;
    uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) return base::IOError("cannot read the export file");
    std::string name = "vka-export" + (options.kind ? "-" + std::string(model::KindName(*options.kind)) : "") +
                       (csv ? ".csv" : ".ndjson");
    call.res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    VKA_RETURN_IF_ERROR(StreamFile(call.res, path, size, csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
                                   remover));
    return base::OkStatus();
  });

  Handle(server, "POST", "/api/v1/import", Access::kWriter, [this](Call& call) -> base::Status {
    VKA_ASSIGN_OR_RETURN(app::ExportFormat format, FormatParam(call));
    bool csv = format == app::ExportFormat::kCsv;
    app::ImportOptions options;
    if (std::string kind = call.Param("kind"); !kind.empty()) {
      VKA_ASSIGN_OR_RETURN(options.csv_kind, model::ParseKindName(kind));
    } else if (csv) {
      return base::InvalidArgumentError("kind: required for CSV");
    }
    VKA_ASSIGN_OR_RETURN(std::filesystem::path path, TempPath(dir_, csv ? ".csv" : ".ndjson"));
    FileRemover remover{path};
    {
      std::ofstream out(path, std::ios::binary);
      size_t total = 0;
      VKA_RETURN_IF_ERROR(call.StreamBody([&](const char* data, size_t size) -> base::Status {
        total += size;
        if (total > kMaxImportBytes) return base::ResourceExhaustedError("import body too large");
        out.write(data, static_cast<std::streamsize>(size));
        return out ? base::OkStatus() : base::IOError("cannot write the import file (disk full?)");
      }));
      out.close();
      if (!out) return base::IOError("cannot write the import file (disk full?)");
    }
    auto lock = LockWrites();
    VKA_ASSIGN_OR_RETURN(app::ImportSummary summary,
                         app::ImportFiles(call.ws, {{path.string(), std::nullopt}}, options,
                                          {call.caller.actor(), "web import"}));
    if (!summary.errors.empty()) {
      base::Json details = base::Json::array();
      for (const auto& error : summary.errors) {
        details.push_back({{"line", error.line},
                           {"field", error.field},
                           {"value", error.value},
                           {"problem", error.message}});
      }
      SendError(call.res, 422, "invalid_argument",
                std::to_string(summary.errors.size()) + " problems; nothing was imported",
                details);
      return base::OkStatus();
    }
    Audit(call, "import", "", std::to_string(summary.records) + " records");
    call.Json(200, {{"imported", summary.records}, {"by_kind", summary.by_kind}});
    return base::OkStatus();
  });
}

}  // namespace vka::http::internal
