#pragma once

// The server's routes and the state they share (http/server.h). Every route
// is registered through Api::Handle, which resolves the caller's session,
// checks the route's access rule and the CSRF token of state-changing
// requests, borrows a workspace from the pool and maps a returned error
// Status to the JSON error of docs/api.md.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <httplib.h>

#include "app/access.h"
#include "app/users.h"
#include "app/workspace.h"
#include "base/json.h"
#include "base/status.h"

namespace vka::http::internal {

// Request body limits.
constexpr size_t kMaxJsonBytes = 1 << 20;                 // 1 MiB
constexpr size_t kMaxImportBytes = size_t{1} << 30;        // 1 GiB, streamed to disk
constexpr size_t kMaxUploadBytes = size_t{64} << 30;       // 64 GiB per file, streamed

// A fixed set of open workspaces, one SQLite connection each; a request
// borrows one for its duration (SqliteStore is not thread-safe).
class WorkspacePool {
 public:
  static base::Result<std::unique_ptr<WorkspacePool>> Open(const std::filesystem::path& dir,
                                                           int size);

  class Lease {
   public:
    Lease(WorkspacePool* pool, std::unique_ptr<app::Workspace> ws)
        : pool_(pool), ws_(std::move(ws)) {}
    Lease(Lease&&) = default;
    ~Lease();
    app::Workspace& operator*() const { return *ws_; }
    app::Workspace* operator->() const { return ws_.get(); }

   private:
    WorkspacePool* pool_;
    std::unique_ptr<app::Workspace> ws_;
  };
  Lease Borrow();  // blocks until one is free

 private:
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<app::Workspace>> free_;
};

// Who is asking: a signed-in user, or the anonymous public.
struct Caller {
  bool signed_in = false;
  app::Session session;  // token empty
  app::Role role = app::Role::kPublic;
  std::string remote_addr;
  std::string actor() const { return signed_in ? session.user : "anonymous"; }
};

// What a route requires of the caller.
// kSession: signed in, even with a password change pending (the session's
// own routes); every other signed-in rule first requires the change.
enum class Access { kPublic, kSession, kSignedIn, kWriter, kReviewer, kAdmin };

class Call {
 public:
  Call(const httplib::Request& req, httplib::Response& res, const httplib::ContentReader* reader,
       Caller caller, app::Workspace& ws)
      : req(req), res(res), caller(std::move(caller)), ws(ws), reader_(reader) {}

  const httplib::Request& req;
  httplib::Response& res;
  Caller caller;
  app::Workspace& ws;

  // The n-th regex group of the route pattern.
  std::string Match(size_t n) const { return req.matches[n].str(); }
  // A query parameter, or "".
  std::string Param(const char* name) const {
    return req.has_param(name) ? req.get_param_value(name) : "";
  }
  // The body, at most `limit` bytes (kResourceExhausted "body too large").
  base::Result<std::string> Body(size_t limit = kMaxJsonBytes);
  base::Result<base::Json> JsonBody();
  // Streams the body to fn in pieces; stops with fn's error.
  base::Status StreamBody(const std::function<base::Status(const char*, size_t)>& fn);
  bool has_body() const { return reader_ != nullptr; }

  void Json(int status, const base::Json& value);

 private:
  const httplib::ContentReader* reader_;
};

using Fn = std::function<base::Status(Call&)>;

// Sends {"error":{code,message,details}} with the status's HTTP status.
void SendError(httplib::Response& res, const base::Status& status,
               const base::Json& details = base::Json::array());
void SendError(httplib::Response& res, int http_status, std::string_view code,
               std::string_view message, const base::Json& details = base::Json::array());

// Field errors ("path: problem" lines, as app::DescribeErrors writes them)
// as error details [{"path","problem"}]; a line without a path gets "".
base::Json FieldErrorDetails(const std::string& message);

// A non-negative integer query parameter of at most `max`; "" gives
// `fallback`. kInvalidArgument "query parameter NAME: ..." otherwise.
base::Result<int64_t> IntParam(const Call& call, const char* name, int64_t fallback,
                               int64_t max = std::numeric_limits<int64_t>::max());

// A fresh file name under WORKSPACE/uploads/tmp (created if missing), for
// files a route writes before it sends them.
base::Result<std::filesystem::path> TempPath(const std::filesystem::path& ws_dir,
                                             const std::string& suffix);

// Sends the file at `path` (`size` bytes) as the response body, read in
// 64 KiB pieces as the client takes them. `keep_alive` lives until the
// response is done (e.g. an object that removes a temporary file).
// kIOError if the file cannot be opened.
base::Status StreamFile(httplib::Response& res, const std::filesystem::path& path, uint64_t size,
                        const std::string& content_type, std::shared_ptr<void> keep_alive = nullptr);

class Api {
 public:
  Api(WorkspacePool& pool, std::filesystem::path workspace_dir, bool tls);

  // Registers every route on the server.
  void Register(httplib::Server& server);

  // Serialises writes (each ends by publishing the log). Recursive: a write
  // route may append an audit entry.
  std::unique_lock<std::recursive_mutex> LockWrites() {
    return std::unique_lock<std::recursive_mutex>(write_mutex_);
  }

  // Appends an audit entry; failures are logged to stderr, never returned
  // (a read must not fail because the audit trail is unavailable, but the
  // failure is visible to the operator).
  void Audit(Call& call, const std::string& action, const std::string& target,
             const std::string& detail = "");

 private:
  void Handle(httplib::Server& server, const std::string& method, const std::string& pattern,
              Access access, Fn fn);
  void Dispatch(const httplib::Request& req, httplib::Response& res,
                const httplib::ContentReader* reader, Access access, const Fn& fn);
  std::optional<Caller> Authenticate(const httplib::Request& req, app::Workspace& ws);

  // Route groups (one file each).
  void RegisterPublic(httplib::Server& server);    // api_public.cc
  void RegisterSession(httplib::Server& server);   // api_session.cc
  void RegisterRecords(httplib::Server& server);   // api_records.cc
  void RegisterData(httplib::Server& server);      // api_data.cc: search, import, export
  void RegisterEvidence(httplib::Server& server);  // api_evidence.cc
  void RegisterEngines(httplib::Server& server);   // api_engines.cc: audit, stats, charts
  void RegisterAnalysis(httplib::Server& server);  // api_analysis.cc: matrix, suggestions, links, dossier
  void RegisterClaims(httplib::Server& server);    // api_claims.cc: the reparations registry
  void RegisterClaimsMass(httplib::Server& server);  // api_claims.cc: mass claims, statement, package

  // Session cache: token SHA-256 -> session, for a few seconds, so that a
  // burst of reads does not resolve the session in the database each time.
  // Logout removes the entry at once.
  struct CachedSession {
    app::Session session;
    std::chrono::steady_clock::time_point until;
  };
  std::optional<app::Session> CachedLookup(const std::string& key);
  void CacheStore(const std::string& key, const app::Session& session);
  void CacheDrop(const std::string& key);

  WorkspacePool& pool_;
  std::filesystem::path dir_;
  bool tls_;
  std::recursive_mutex write_mutex_;
  std::mutex cache_mutex_;
  std::map<std::string, CachedSession> sessions_;
  // The memorial, recomputed when the number of revisions changes.
  std::mutex memorial_mutex_;
  int64_t memorial_revisions_ = -1;
  std::string memorial_json_;
};

// The PDF renderer (report/pdf.h) is not thread-safe: every route that
// typesets a PDF holds this.
inline std::mutex pdf_mutex;

// The session cookie's name and its Set-Cookie attributes.
inline constexpr char kSessionCookie[] = "vka_session";
std::string SessionCookie(const std::string& token, bool clear);
// The value of a cookie in the request, or "".
std::string CookieValue(const httplib::Request& req, std::string_view name);

}  // namespace vka::http::internal
