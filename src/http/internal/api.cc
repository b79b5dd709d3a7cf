#include "http/internal/api.h"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <random>
#include <fstream>

#include "app/audit.h"
#include "base/sha256.h"

namespace vka::http::internal {
namespace {

constexpr auto kSessionCacheTtl = std::chrono::seconds(5);
constexpr size_t kMaxCachedSessions = 10000;

bool ChangesState(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::string TokenKey(const std::string& token) { return base::HexLower(base::Sha256Of(token)); }

}  // namespace

// ---- pool ----

base::Result<std::unique_ptr<WorkspacePool>> WorkspacePool::Open(const std::filesystem::path& dir,
                                                                 int size) {
  auto pool = std::make_unique<WorkspacePool>();
  for (int i = 0; i < size; ++i) {
    VKA_ASSIGN_OR_RETURN(auto ws, app::Workspace::Open(dir));
    pool->free_.push_back(std::move(ws));
  }
  return pool;
}

WorkspacePool::Lease WorkspacePool::Borrow() {
  std::unique_lock<std::mutex> lock(mutex_);
  freed_.wait(lock, [&] { return !free_.empty(); });
  auto ws = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(ws));
}

WorkspacePool::Lease::~Lease() {
  if (!ws_) return;
  {
    std::lock_guard<std::mutex> lock(pool_->mutex_);
    pool_->free_.push_back(std::move(ws_));
  }
  pool_->freed_.notify_one();
}

// ---- call ----

base::Result<std::string> Call::Body(size_t limit) {
  std::string body;
  VKA_RETURN_IF_ERROR(StreamBody([&](const char* data, size_t size) -> base::Status {
    if (body.size() + size > limit) {
      return base::ResourceExhaustedError("request body too large (limit " + std::to_string(limit) +
                                          " bytes)");
    }
    body.append(data, size);
    return base::OkStatus();
  }));
  return body;
}

base::Result<base::Json> Call::JsonBody() {
  VKA_ASSIGN_OR_RETURN(std::string text, Body());
  if (text.empty()) return base::InvalidArgumentError("request body: expected a JSON object");
  auto json = base::ParseJsonStrict(text);
  if (!json.ok()) return json.status().WithContext("request body");
  if (!json->is_object()) return base::InvalidArgumentError("request body: expected a JSON object");
  return json;
}

base::Status Call::StreamBody(const std::function<base::Status(const char*, size_t)>& fn) {
  if (reader_ == nullptr) return base::OkStatus();
  base::Status status;
  bool complete = (*reader_)([&](const char* data, size_t size) {
    status = fn(data, size);
    return status.ok();
  });
  VKA_RETURN_IF_ERROR(status);
  if (!complete) return base::InvalidArgumentError("request body: incomplete");
  return base::OkStatus();
}

void Call::Json(int status, const base::Json& value) {
  res.status = status;
  res.set_content(value.dump(-1, ' ', false, base::Json::error_handler_t::replace),
                  "application/json");
}

// ---- errors ----

void SendError(httplib::Response& res, int http_status, std::string_view code,
               std::string_view message, const base::Json& details) {
  base::Json body = {{"error", {{"code", code}, {"message", message}, {"details", details}}}};
  res.status = http_status;
  res.set_content(body.dump(-1, ' ', false, base::Json::error_handler_t::replace),
                  "application/json");
}

void SendError(httplib::Response& res, const base::Status& status, const base::Json& details) {
  using base::StatusCode;
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
      return SendError(res, 400, "invalid_argument", status.message(), details);
    case StatusCode::kNotFound:
      return SendError(res, 404, "not_found", status.message(), details);
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return SendError(res, 409, "conflict", status.message(), details);
    case StatusCode::kPermissionDenied:
      return SendError(res, 403, "permission_denied", status.message(), details);
    case StatusCode::kUnauthenticated:
      return SendError(res, 401, "unauthenticated", status.message(), details);
    case StatusCode::kResourceExhausted:
      return SendError(res, 429, "too_many_requests", status.message(), details);
    case StatusCode::kUnavailable:
      return SendError(res, 503, "unavailable", status.message(), details);
    default:
      // Internal errors may name files; the operator sees them in the log.
      std::fprintf(stderr, "vka serve: error: %s\n", status.ToString().c_str());
      return SendError(res, 500, "internal", "internal error (see the server log)", details);
  }
}

base::Json FieldErrorDetails(const std::string& message) {
  base::Json details = base::Json::array();
  size_t start = 0;
  while (start < message.size()) {
    size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string line = message.substr(start, end - start);
    size_t colon = line.find(": ");
    if (colon == std::string::npos || line.find(' ') < colon) {
      details.push_back({{"path", ""}, {"problem", line}});
    } else {
      details.push_back({{"path", line.substr(0, colon)}, {"problem", line.substr(colon + 2)}});
    }
    start = end + 1;
  }
  return details;
}

// ---- cookies ----

std::string SessionCookie(const std::string& token, bool clear) {
  std::string cookie = std::string(kSessionCookie) + "=" + (clear ? "" : token) +
                       "; Path=/; HttpOnly; Secure; SameSite=Strict";
  if (clear) cookie += "; Max-Age=0";
  return cookie;
}

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string_view part(header.data() + pos, end - pos);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.size() > name.size() && part.substr(0, name.size()) == name &&
        part[name.size()] == '=') {
      return std::string(part.substr(name.size() + 1));
    }
    pos = end + 1;
  }
  return "";
}

// ---- api ----

Api::Api(WorkspacePool& pool, std::filesystem::path workspace_dir, bool tls)
    : pool_(pool), dir_(std::move(workspace_dir)), tls_(tls) {}

void Api::Register(httplib::Server& server) {
  RegisterPublic(server);
  RegisterSession(server);
  RegisterRecords(server);
  RegisterData(server);
  RegisterEvidence(server);
  RegisterEngines(server);
  RegisterAnalysis(server);
  RegisterClaims(server);
}

std::optional<app::Session> Api::CachedLookup(const std::string& key) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  auto it = sessions_.find(key);
  if (it == sessions_.end()) return std::nullopt;
  if (it->second.until < std::chrono::steady_clock::now()) {
    sessions_.erase(it);
    return std::nullopt;
  }
  return it->second.session;
}

void Api::CacheStore(const std::string& key, const app::Session& session) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  if (sessions_.size() >= kMaxCachedSessions) sessions_.clear();
  app::Session copy = session;
  copy.token.clear();
  sessions_[key] = {std::move(copy), std::chrono::steady_clock::now() + kSessionCacheTtl};
}

void Api::CacheDrop(const std::string& key) {
  std::lock_guard<std::mutex> lock(cache_mutex_);
  sessions_.erase(key);
}

std::optional<Caller> Api::Authenticate(const httplib::Request& req, app::Workspace& ws) {
  std::string token = CookieValue(req, kSessionCookie);
  if (token.empty()) return std::nullopt;
  std::string key = TokenKey(token);
  std::optional<app::Session> session = CachedLookup(key);
  if (!session) {
    // ResolveSession extends the idle expiry: a write. When the entry of a
    // busy session expires, every request in flight misses at once; the
    // first resolves it and the others, queued on the lock, find it cached.
    auto lock = LockWrites();
    session = CachedLookup(key);
    if (!session) {
      auto resolved = app::ResolveSession(ws, token);
      if (!resolved.ok()) return std::nullopt;
      session = *resolved;
      session->token.clear();
      CacheStore(key, *session);
    }
  }
  Caller caller;
  caller.signed_in = true;
  caller.role = session->role;
  caller.session = *std::move(session);
  return caller;
}

void Api::Audit(Call& call, const std::string& action, const std::string& target,
                const std::string& detail) {
  app::AuditEntry entry;
  entry.actor = call.caller.actor();
  entry.action = action;
  entry.target = target;
  entry.detail = detail;
  entry.remote_addr = call.req.remote_addr;
  auto lock = LockWrites();
  if (base::Status status = app::AppendAudit(call.ws, std::move(entry)); !status.ok()) {
    std::fprintf(stderr, "vka serve: audit entry not written: %s\n", status.ToString().c_str());
  }
}

void Api::Dispatch(const httplib::Request& req, httplib::Response& res,
                   const httplib::ContentReader* reader, Access access, const Fn& fn) {
  res.set_header("Cache-Control", "no-store");
  auto ws = pool_.Borrow();
  Caller caller;
  if (auto signed_in = Authenticate(req, *ws)) caller = *std::move(signed_in);
  caller.remote_addr = req.remote_addr;
  if (access != Access::kPublic) {
    if (!caller.signed_in) return SendError(res, 401, "unauthenticated", "sign in first");
    // Every state-changing request of a session carries its CSRF token.
    if (ChangesState(req.method) &&
        !app::CsrfTokenMatches(caller.session, req.get_header_value("X-CSRF-Token"))) {
      return SendError(res, 403, "permission_denied", "missing or wrong X-CSRF-Token");
    }
    if (access != Access::kSession && caller.session.must_change_password) {
      return SendError(res, 403, "permission_denied",
                       "change your password first (POST /api/v1/session/password)");
    }
    bool allowed = access == Access::kSession || access == Access::kSignedIn ||
                   (access == Access::kWriter && app::MayWrite(caller.role)) ||
                   (access == Access::kReviewer && app::MayReview(caller.role)) ||
                   (access == Access::kAdmin && app::MayAdminister(caller.role));
    if (!allowed) {
      return SendError(res, 403, "permission_denied",
                       "the role " + std::string(app::RoleName(caller.role)) + " may not do this");
    }
  }
  Call call(req, res, reader, std::move(caller), *ws);
  base::Status status = fn(call);
  if (!status.ok()) SendError(res, status);
}

void Api::Handle(httplib::Server& server, const std::string& method, const std::string& pattern,
                 Access access, Fn fn) {
  auto plain = [this, access, fn](const httplib::Request& req, httplib::Response& res) {
    Dispatch(req, res, nullptr, access, fn);
  };
  auto with_body = [this, access, fn](const httplib::Request& req, httplib::Response& res,
                                      const httplib::ContentReader& reader) {
    Dispatch(req, res, &reader, access, fn);
  };
  if (method == "GET") {
    server.Get(pattern, plain);
  } else if (method == "POST") {
    server.Post(pattern, plain);
    server.Post(pattern, with_body);
  } else if (method == "PUT") {
    server.Put(pattern, plain);
    server.Put(pattern, with_body);
  } else if (method == "PATCH") {
    server.Patch(pattern, plain);
    server.Patch(pattern, with_body);
  } else if (method == "DELETE") {
    server.Delete(pattern, plain);
    server.Delete(pattern, with_body);
  }
}

base::Result<int64_t> IntParam(const Call& call, const char* name, int64_t fallback, int64_t max) {
  const std::string text = call.Param(name);
  if (text.empty()) return fallback;
  int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > max) {
    return base::InvalidArgumentError(std::string("query parameter ") + name +
                                      ": expected an integer from 0 to " + std::to_string(max));
  }
  return value;
}

base::Result<std::filesystem::path> TempPath(const std::filesystem::path& ws_dir,
                                             const std::string& suffix) {
  std::filesystem::path dir = ws_dir / "uploads" / "tmp";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return base::IOError("cannot create " + dir.string() + ": " + ec.message());
  std::random_device random;
  std::string name = "http-" + std::to_string(::getpid()) + "-" + std::to_string(random()) +
                     std::to_string(random()) + suffix;
  return dir / name;
}

base::Status StreamFile(httplib::Response& res, const std::filesystem::path& path, uint64_t size,
                        const std::string& content_type, std::shared_ptr<void> keep_alive) {
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  if (!*in) return base::IOError("cannot read " + path.filename().string());
  res.set_content_provider(
      static_cast<size_t>(size), content_type,
      [in, keep_alive](size_t offset, size_t length, httplib::DataSink& sink) {
        constexpr size_t kPiece = 64 * 1024;
        char buffer[kPiece];
        in->seekg(static_cast<std::streamoff>(offset));
        in->read(buffer, static_cast<std::streamsize>(std::min(length, kPiece)));
        std::streamsize got = in->gcount();
        if (got <= 0) return false;
        return sink.write(buffer, static_cast<size_t>(got));
      });
  return base::OkStatus();
}

}  // namespace vka::http::internal
