// Evidence: resumable chunked uploads streamed to disk, finished into the
// blob store through app::AddEvidence; listing, metadata with custody, and
// downloads (docs/api.md "Evidence"). Evidence of a source the role may not
// read is 404.

#include <algorithm>
#include <fstream>
#include <random>

#include "app/evidence_files.h"
#include "app/record_view.h"
#include "app/web_evidence.h"
#include "base/sha256.h"
#include "http/internal/api.h"

namespace vka::http::internal {
namespace {

namespace fs = std::filesystem;

constexpr char kUploadIdPattern[] = "([0-9a-f]{32})";
constexpr char kShaPattern[] = "([0-9a-f]{64})";
constexpr size_t kMaxNameBytes = 200;

std::string NewUploadId() {
  std::random_device random;
  std::string bytes;
  for (int i = 0; i < 4; ++i) {
    uint32_t word = random();
    bytes.append(reinterpret_cast<const char*>(&word), sizeof word);
  }
  return base::HexLower(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
}

// A file name safe to create: no folders, no control characters, not empty.
std::string SafeName(const std::string& name) {
  std::string out;
  for (char c : fs::path(name).filename().string()) {
    out += (static_cast<unsigned char>(c) < 0x20 || c == '/' || c == '\\' || c == '"') ? '_' : c;
  }
  if (out.empty() || out == "." || out == "..") out = "upload.bin";
  if (out.size() > kMaxNameBytes) out = out.substr(out.size() - kMaxNameBytes);
  return out;
}

struct Upload {
  std::string id;
  std::string name;
  int64_t size = 0;
  std::string source;
  std::string owner;
  fs::path dir;
  fs::path data() const { return dir / name; }
  int64_t received() const {
    std::error_code ec;
    auto n = fs::file_size(data(), ec);
    return ec ? 0 : static_cast<int64_t>(n);
  }
};

fs::path UploadDir(const app::Workspace& ws, const std::string& id) {
  return ws.dir() / "uploads" / id;
}

// The caller's upload; kNotFound for another user's (not revealed).
base::Result<Upload> LoadUpload(const Call& call, const std::string& id) {
  fs::path dir = UploadDir(call.ws, id);
  std::ifstream in(dir / "upload.json");
  if (!in) return base::NotFoundError("no upload " + id);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  VKA_ASSIGN_OR_RETURN(base::Json meta, base::ParseJsonStrict(text));
  Upload upload{id,
                meta.value("name", ""),
                meta.value("size", int64_t{0}),
                meta.value("source", ""),
                meta.value("owner", ""),
                dir};
  if (upload.owner != call.caller.session.user) return base::NotFoundError("no upload " + id);
  return upload;
}

// Parses "bytes FIRST-LAST/TOTAL".
base::Status ParseContentRange(const std::string& header, int64_t& first, int64_t& last,
                               int64_t& total) {
  long long a = 0, b = 0, t = 0;
  if (std::sscanf(header.c_str(), "bytes %lld-%lld/%lld", &a, &b, &t) != 3 || a < 0 || b < a ||
      t <= b) {
    return base::InvalidArgumentError("Content-Range: expected \"bytes FIRST-LAST/TOTAL\"");
  }
  first = a;
  last = b;
  total = t;
  return base::OkStatus();
}

// kNotFound unless the role may read the source.
base::Status CheckSourceReadable(Call& call, const std::string& source) {
  if (source.empty()) return base::InvalidArgumentError("source: required");
  return app::ViewRecord(call.ws, call.caller.role, source).status();
}

base::Json EvidenceJson(const app::EvidenceFile& file, app::Role role) {
  base::Json out = {{"sha256", file.sha256},
                    {"size", file.size},
                    {"mime", file.mime},
                    {"original_name", file.original_name},
                    {"original_mtime", file.original_mtime},
                    {"source", file.source},
                    {"captured_at", file.captured_at},
                    {"captured_by", file.captured_by},
                    {"note", file.note},
                    {"derived_from", file.derived_from},
                    {"added_at", file.added_at},
                    {"added_by", file.added_by},
                    {"exif_taken_at", file.exif_taken_at},
                    {"camera_make", file.camera_make},
                    {"camera_model", file.camera_model},
                    {"page_count", file.page_count ? base::Json(*file.page_count) : base::Json()},
                    {"metadata_note", file.metadata_note}};
  // Where a file was made can place a witness: only for roles that see
  // sensitive fields.
  if (app::MaySeeSensitive(role)) {
    out["captured_where"] = file.captured_where;
    out["gps_lat"] = file.gps_lat ? base::Json(*file.gps_lat) : base::Json();
    out["gps_lon"] = file.gps_lon ? base::Json(*file.gps_lon) : base::Json();
  }
  return out;
}

// The file's metadata if the role may read its source; kNotFound otherwise.
base::Result<app::EvidenceFile> ReadableEvidence(Call& call, const std::string& sha256) {
  VKA_ASSIGN_OR_RETURN(app::EvidenceFile file, app::ShowEvidence(call.ws, sha256));
  if (!app::ViewRecord(call.ws, call.caller.role, file.source).ok()) {
    return base::NotFoundError("no evidence file " + sha256);
  }
  return file;
}

base::Json CustodyJson(const std::vector<app::CustodyEvent>& chain) {
  base::Json custody = base::Json::array();
  for (const auto& event : chain) {
    custody.push_back({{"id", event.id},
                       {"action", event.action},
                       {"actor", event.actor},
                       {"date", event.date},
                       {"purpose", event.purpose},
                       {"counterpart", event.counterpart}});
  }
  return custody;
}

// The body of POST .../custody: string members only, none unknown.
base::Status ReadCustodyRequest(const base::Json& body, app::CustodyAction& input,
                                std::string& reason) {
  if (!body.is_object()) return base::InvalidArgumentError("expected a JSON object");
  const std::pair<const char*, std::string*> members[] = {
      {"action", &input.action},   {"actor", &input.actor},
      {"date", &input.date},       {"purpose", &input.purpose},
      {"counterpart", &input.counterpart}, {"reason", &reason}};
  for (const auto& [key, value] : body.items()) {
    auto it = std::find_if(std::begin(members), std::end(members),
                           [&](const auto& m) { return key == m.first; });
    if (it == std::end(members)) return base::InvalidArgumentError(key + ": unknown member");
    if (!value.is_string()) return base::InvalidArgumentError(key + ": must be a string");
    *it->second = value.get<std::string>();
  }
  if (reason.empty()) return base::InvalidArgumentError("reason: required");
  return base::OkStatus();
}

}  // namespace

void Api::RegisterEvidence(httplib::Server& server) {
  Handle(server, "POST", "/api/v1/uploads", Access::kWriter, [](Call& call) -> base::Status {
    VKA_ASSIGN_OR_RETURN(base::Json body, call.JsonBody());
    Upload upload;
    upload.id = NewUploadId();
    upload.name = SafeName(body.value("name", ""));
    auto size = body.find("size");
    if (size == body.end() || !size->is_number_integer() || size->get<int64_t>() <= 0 ||
        static_cast<uint64_t>(size->get<int64_t>()) > kMaxUploadBytes) {
      return base::InvalidArgumentError("size: expected the file's size in bytes (1 to " +
                                        std::to_string(kMaxUploadBytes) + ")");
    }
    upload.size = size->get<int64_t>();
    upload.source = body.value("source", "");
    if (!upload.source.empty()) VKA_RETURN_IF_ERROR(CheckSourceReadable(call, upload.source));
    upload.dir = UploadDir(call.ws, upload.id);
    std::error_code ec;
    fs::create_directories(upload.dir, ec);
    if (ec) return base::IOError("cannot create the upload folder: " + ec.message());
    std::ofstream(upload.data(), std::ios::binary).close();
    std::ofstream meta(upload.dir / "upload.json");
    meta << base::Json{{"name", upload.name},
                       {"size", upload.size},
                       {"source", upload.source},
                       {"owner", call.caller.session.user}}
                .dump();
    if (!meta) return base::IOError("cannot write the upload's metadata");
    call.Json(201, {{"upload_id", upload.id}, {"received", 0}, {"size", upload.size}});
    return base::OkStatus();
  });

  Handle(server, "GET", std::string("/api/v1/uploads/") + kUploadIdPattern, Access::kWriter,
         [](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(Upload upload, LoadUpload(call, call.Match(1)));
           call.Json(200, {{"upload_id", upload.id},
                           {"received", upload.received()},
                           {"size", upload.size}});
           return base::OkStatus();
         });

  Handle(server, "PUT", std::string("/api/v1/uploads/") + kUploadIdPattern, Access::kWriter,
         [](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(Upload upload, LoadUpload(call, call.Match(1)));
           int64_t first = 0, last = 0, total = 0;
           VKA_RETURN_IF_ERROR(
               ParseContentRange(call.req.get_header_value("Content-Range"), first, last, total));
           if (total != upload.size) {
             return base::InvalidArgumentError("Content-Range: total " + std::to_string(total) +
                                               " is not the upload's size " +
                                               std::to_string(upload.size));
           }
           int64_t received = upload.received();
           if (first != received) {
             SendError(call.res, 409, "conflict",
                       "expected the chunk starting at byte " + std::to_string(received),
                       base::Json::array({{{"received", received}}}));
             return base::OkStatus();
           }
           // Streamed to disk piece by piece: memory does not grow with the chunk.
           std::ofstream out(upload.data(), std::ios::binary | std::ios::app);
           int64_t expected = last - first + 1;
           int64_t written = 0;
           base::Status streamed = call.StreamBody([&](const char* data, size_t size) {
             if (written + static_cast<int64_t>(size) > expected) {
               return base::InvalidArgumentError("body is longer than its Content-Range");
             }
             out.write(data, static_cast<std::streamsize>(size));
             written += static_cast<int64_t>(size);
             return out ? base::OkStatus() : base::IOError("cannot write the upload (disk full?)");
           });
           out.close();
           VKA_RETURN_IF_ERROR(streamed);
           call.Json(200, {{"received", upload.received()}, {"size", upload.size}});
           return base::OkStatus();
         });

  Handle(server, "POST", std::string("/api/v1/uploads/") + kUploadIdPattern + "/finish",
         Access::kWriter, [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(Upload upload, LoadUpload(call, call.Match(1)));
           VKA_ASSIGN_OR_RETURN(base::Json body, call.JsonBody());
           app::AddEvidenceOptions options;
           options.source = body.value("source", upload.source);
           options.captured_at = body.value("captured_at", "");
           options.note = body.value("note", "");
           VKA_RETURN_IF_ERROR(CheckSourceReadable(call, options.source));
           if (upload.received() != upload.size) {
             return base::FailedPreconditionError(
                 "the upload has " + std::to_string(upload.received()) + " of " +
                 std::to_string(upload.size) + " bytes");
           }
           auto lock = LockWrites();
           VKA_ASSIGN_OR_RETURN(auto added,
                                app::AddEvidence(call.ws, {upload.data().string()}, options,
                                                 {call.caller.actor(), "web upload"}));
           VKA_ASSIGN_OR_RETURN(app::EvidenceFile file, app::ShowEvidence(call.ws, added[0].sha256));
           std::error_code ec;
           fs::remove_all(upload.dir, ec);
           Audit(call, "evidence.add", file.sha256, options.source);
           call.Json(200, {{"sha256", file.sha256},
                           {"size", file.size},
                           {"mime", file.mime},
                           {"already_present", added[0].already_present}});
           return base::OkStatus();
         });

  Handle(server, "GET", "/api/v1/evidence", Access::kSignedIn, [](Call& call) -> base::Status {
    std::string source = call.Param("source");
    if (!source.empty()) VKA_RETURN_IF_ERROR(CheckSourceReadable(call, source));
    VKA_ASSIGN_OR_RETURN(auto files, app::ListEvidence(call.ws, source));
    std::map<std::string, bool> readable;  // source id -> may read
    base::Json items = base::Json::array();
    for (const auto& file : files) {
      auto it = readable.find(file.source);
      if (it == readable.end()) {
        it = readable.emplace(file.source,
                              app::ViewRecord(call.ws, call.caller.role, file.source).ok()).first;
      }
      if (it->second) items.push_back(EvidenceJson(file, call.caller.role));
    }
    call.Json(200, {{"items", std::move(items)}});
    return base::OkStatus();
  });

  Handle(server, "GET", std::string("/api/v1/evidence/") + kShaPattern, Access::kSignedIn,
         [](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(app::EvidenceFile file, ReadableEvidence(call, call.Match(1)));
           VKA_ASSIGN_OR_RETURN(auto chain, app::CustodyChain(call.ws, file.sha256));
           base::Json out = EvidenceJson(file, call.caller.role);
           out["custody"] = CustodyJson(chain);
           call.Json(200, out);
           return base::OkStatus();
         });

  Handle(server, "GET", std::string("/api/v1/evidence/") + kShaPattern + "/custody",
         Access::kSignedIn, [](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(app::EvidenceFile file, ReadableEvidence(call, call.Match(1)));
           VKA_ASSIGN_OR_RETURN(auto chain, app::CustodyChain(call.ws, file.sha256));
           call.Json(200, {{"sha256", file.sha256}, {"custody", CustodyJson(chain)}});
           return base::OkStatus();
         });

  // Records one action in the chain (app::RecordCustodyAction): roles that
  // may write, with the session's CSRF token; the signed-in user is the
  // actor unless the body names who acted, and always the revision's author.
  Handle(server, "POST", std::string("/api/v1/evidence/") + kShaPattern + "/custody",
         Access::kWriter, [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(app::EvidenceFile file, ReadableEvidence(call, call.Match(1)));
           VKA_ASSIGN_OR_RETURN(base::Json body, call.JsonBody());
           app::CustodyAction input;
           std::string reason;
           VKA_RETURN_IF_ERROR(ReadCustodyRequest(body, input, reason));
           std::string id;
           {
             auto lock = LockWrites();
             VKA_ASSIGN_OR_RETURN(id, app::RecordCustodyAction(call.ws, file.sha256, input,
                                                               {call.caller.actor(), reason}));
           }
           Audit(call, "evidence.custody", file.sha256, input.action);
           VKA_ASSIGN_OR_RETURN(auto chain, app::CustodyChain(call.ws, file.sha256));
           call.Json(201, {{"id", id}, {"sha256", file.sha256}, {"custody", CustodyJson(chain)}});
           return base::OkStatus();
         });

  Handle(server, "GET", std::string("/api/v1/evidence/") + kShaPattern + "/content",
         Access::kSignedIn, [this](Call& call) -> base::Status {
           VKA_ASSIGN_OR_RETURN(app::EvidenceFile file, ReadableEvidence(call, call.Match(1)));
           VKA_ASSIGN_OR_RETURN(fs::path path, app::EvidenceContentPath(call.ws, file.sha256));
           {
             auto lock = LockWrites();
             VKA_RETURN_IF_ERROR(app::RecordEvidenceAccess(call.ws, file.sha256, "web download",
                                                           {call.caller.actor(), ""}));
           }
           Audit(call, "evidence.download", file.sha256);
           call.res.set_header("Content-Disposition",
                               "attachment; filename=\"" + SafeName(file.original_name) + "\"");
           return StreamFile(call.res, path, static_cast<uint64_t>(file.size), "application/octet-stream");
         });
}

}  // namespace vka::http::internal
