// Routes without login: health, the log's files, the OpenAPI document, the
// memorial's data, and the embedded UI.

#include <fstream>
#include <sstream>

#include "app/memorial.h"
#include "http/internal/api.h"
#include "http/internal/assets.h"

namespace vka::http::internal {
namespace {

std::string_view MimeOf(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".json")) return "application/json";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".txt")) return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

const base::EmbeddedFile* FindFile(const std::vector<base::EmbeddedFile>& files,
                                   std::string_view name) {
  for (const auto& file : files) {
    if (file.name == name) return &file;
  }
  return nullptr;
}

// Serves an embedded asset, or a 404 JSON error.
void ServeAsset(httplib::Response& res, std::string_view name) {
  static const std::vector<base::EmbeddedFile> assets = EmbeddedAssets();
  const base::EmbeddedFile* file = FindFile(assets, name);
  if (file == nullptr) {
    SendError(res, 404, "not_found", "no such file");
    return;
  }
  res.set_content(std::string(file->contents), std::string(MimeOf(name)).c_str());
  res.set_header("Cache-Control", "no-cache");
}

bool IsSafeLogPath(const std::string& path) {
  return path.find("..") == std::string::npos && path.find("//") == std::string::npos;
}

}  // namespace

void Api::RegisterPublic(httplib::Server& server) {
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"status":"ok"})", "application/json");
  });
  server.Get("/api/v1/openapi.json", [](const httplib::Request&, httplib::Response& res) {
    static const std::vector<base::EmbeddedFile> docs = EmbeddedApiDocs();
    const base::EmbeddedFile* file = FindFile(docs, "openapi.json");
    if (file == nullptr) return SendError(res, 404, "not_found", "no OpenAPI document");
    res.set_content(std::string(file->contents), "application/json");
  });
  // The log's tiles and checkpoint, read-only, for independent verifiers;
  // also the stored checkpoints (log/checkpoints/<size>, never changed) and
  // the cosignatures collected from witnesses (log/cosignatures/<size>).
  server.Get(R"(/log/(checkpoint|tile/[0-9a-z./]+|checkpoints/[0-9]+|cosignatures/[0-9]+))",
             [this](const httplib::Request& req, httplib::Response& res) {
               std::string rel = req.matches[1].str();
               if (!IsSafeLogPath(rel)) return SendError(res, 404, "not_found", "no such file");
               std::ifstream in(dir_ / "log" / rel, std::ios::binary);
               if (!in) return SendError(res, 404, "not_found", "no such file");
               std::ostringstream bytes;
               bytes << in.rdbuf();
               const bool note = !rel.starts_with("tile/");
               const bool changes = rel == "checkpoint" || rel.starts_with("cosignatures/");
               res.set_content(bytes.str(), note ? "text/plain; charset=utf-8"
                                                 : "application/octet-stream");
               res.set_header("Cache-Control", changes ? "no-cache" : "max-age=3600");
             });
  Handle(server, "GET", "/api/v1/memorial", Access::kPublic, [this](Call& call) -> base::Status {
    // Recomputed only when the workspace changed.
    VKA_ASSIGN_OR_RETURN(int64_t revisions, call.ws.store().RevisionCount());
    VKA_ASSIGN_OR_RETURN(int64_t leaves, call.ws.store().LeafCount());
    std::lock_guard<std::mutex> lock(memorial_mutex_);
    if (revisions + leaves != memorial_revisions_) {
      VKA_ASSIGN_OR_RETURN(base::Json data, app::MemorialData(call.ws));
      memorial_json_ = data.dump(-1, ' ', false, base::Json::error_handler_t::replace);
      memorial_revisions_ = revisions + leaves;
    }
    call.res.set_content(memorial_json_, "application/json");
    return base::OkStatus();
  });
  server.Get(R"(/assets/([A-Za-z0-9._-]+))", [](const httplib::Request& req, httplib::Response& res) {
    ServeAsset(res, req.matches[1].str());
  });
  server.Get("/memorial", [](const httplib::Request&, httplib::Response& res) {
    ServeAsset(res, "memorial.html");
  });
  auto index = [](const httplib::Request&, httplib::Response& res) {
    ServeAsset(res, "index.html");
  };
  server.Get("/", index);
  server.Get(R"(/app(/.*)?)", index);
}

}  // namespace vka::http::internal
