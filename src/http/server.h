#pragma once

// The web server (issue 7 part 1): one process serving the JSON API under
// /api/v1 (docs/api.md; the OpenAPI document at /api/v1/openapi.json), the
// embedded web UI and memorial page, and the transparency log's files under
// /log/ (read-only). cpp-httplib with a fixed pool of worker threads; each
// worker borrows one of a fixed set of open workspaces (one SQLite
// connection each), so no request opens the workspace. Writes (records,
// evidence, imports, logins, audit entries) are serialised by one mutex,
// because each ends by publishing the log.
//
// Serve blocks until SIGTERM or SIGINT, then stops accepting, lets the
// in-flight requests finish and returns OK. Request log lines go to stderr:
// method, path (never the query, body or cookies), status and duration.

#include <filesystem>
#include <string>
#include <string_view>

#include "base/status.h"

namespace vka::http {

struct ServeOptions {
  std::filesystem::path workspace;
  std::string host = "127.0.0.1";
  int port = 8080;           // 0: any free port (printed on start)
  std::string tls_cert;      // PEM files; both or neither
  std::string tls_key;
  int threads = 0;           // worker threads; 0: max(8, 4 x cores)
};

struct ListenAddress {
  std::string host;
  int port = 0;
};

// Parses "HOST:PORT" ("127.0.0.1:8080", "[::1]:8080", ":8080" = 127.0.0.1).
// kInvalidArgument naming the problem.
base::Result<ListenAddress> ParseListen(std::string_view text);

// Runs the server until SIGTERM/SIGINT. kInvalidArgument for bad options
// (TLS files missing or unreadable), kUnavailable when the address cannot be
// bound, errors of opening the workspace as Workspace::Open.
// Prints "vka: serving WORKSPACE at http(s)://HOST:PORT" to stderr once
// listening.
base::Status Serve(const ServeOptions& options);

}  // namespace vka::http
