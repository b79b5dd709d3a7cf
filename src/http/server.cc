#include "http/server.h"

#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

#include <httplib.h>

#include "http/internal/api.h"

namespace vka::http {
namespace {

constexpr int kMinThreads = 64;        // keep-alive connections each hold a thread
constexpr int kMinWorkspaces = 8;      // open connections shared by the requests
constexpr time_t kKeepAliveSeconds = 2;
constexpr size_t kKeepAliveMaxRequests = 10000;
constexpr time_t kReadTimeoutSeconds = 60;

constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

// When the current request started (set by the pre-routing handler, read by
// the logger; both run on the request's worker thread).
thread_local std::chrono::steady_clock::time_point request_start;

httplib::Headers SecurityHeaders(bool tls) {
  httplib::Headers headers = {
      {"Content-Security-Policy", kContentSecurityPolicy},
      {"X-Content-Type-Options", "nosniff"},
      {"Referrer-Policy", "no-referrer"},
      {"X-Frame-Options", "DENY"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
  };
  if (tls) headers.emplace("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  return headers;
}

bool ReadableFile(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return false;
  std::fclose(file);
  return true;
}

// Methods that carry no body on this API: a body is refused before it is read.
bool TakesNoBody(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

void Configure(httplib::Server& server, bool tls, int threads) {
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_default_headers(SecurityHeaders(tls));
  server.set_payload_max_length(internal::kMaxUploadBytes);
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  server.set_keep_alive_max_count(kKeepAliveMaxRequests);
  server.set_read_timeout(kReadTimeoutSeconds);
  server.set_tcp_nodelay(true);
  server.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    request_start = std::chrono::steady_clock::now();
    std::string length = req.get_header_value("Content-Length");
    bool has_body = (!length.empty() && length != "0") || req.has_header("Transfer-Encoding");
    if (TakesNoBody(req.method) && has_body) {
      internal::SendError(res, 413, "invalid_argument", "this method takes no request body");
      res.set_header("Connection", "close");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  // Method, path (never the query), status, duration: no bodies, cookies or
  // query values, which may hold names or search terms.
  server.set_logger([](const httplib::Request& req, const httplib::Response& res) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          request_start)
                    .count();
    std::fprintf(stderr, "%s %s %d %.1fms\n", req.method.c_str(), req.path.c_str(), res.status, ms);
  });
  server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      internal::SendError(res, 404, "not_found", "no such path");
    } else if (res.status == 413) {
      internal::SendError(res, 413, "invalid_argument", "request body too large");
    } else if (res.status >= 400) {
      internal::SendError(res, res.status, "invalid_argument", "bad request");
    }
  });
  server.set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
        try {
          if (ep) std::rethrow_exception(ep);
        } catch (const std::exception& e) {
          std::fprintf(stderr, "vka serve: internal error: %s\n", e.what());
        } catch (...) {
          std::fprintf(stderr, "vka serve: internal error\n");
        }
        internal::SendError(res, 500, "internal", "internal error (see the server log)");
      });
}

}  // namespace

base::Result<ListenAddress> ParseListen(std::string_view text) {
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return base::InvalidArgumentError("--listen: expected HOST:PORT, e.g. 127.0.0.1:8080");
  }
  std::string host(text.substr(0, colon));
  std::string port_text(text.substr(colon + 1));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (host.empty()) host = "127.0.0.1";
  int port = -1;
  if (!port_text.empty() && port_text.size() <= 5 &&
      std::all_of(port_text.begin(), port_text.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    port = std::stoi(port_text);
  }
  constexpr int kMaxPort = 65535;
  if (port < 0 || port > kMaxPort) {
    return base::InvalidArgumentError("--listen: port must be 0 to 65535, got \"" + port_text +
                                      "\"");
  }
  return ListenAddress{host, port};
}

base::Status Serve(const ServeOptions& options) {
  bool tls = !options.tls_cert.empty() || !options.tls_key.empty();
  if (tls && (options.tls_cert.empty() || options.tls_key.empty())) {
    return base::InvalidArgumentError("--tls-cert and --tls-key go together");
  }
  for (const std::string& file : {options.tls_cert, options.tls_key}) {
    if (tls && !ReadableFile(file)) return base::InvalidArgumentError("cannot read " + file);
  }
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  int threads = options.threads > 0 ? options.threads
                                    : std::max(kMinThreads, static_cast<int>(4 * cores));
  // One workspace per thread measured no better (p99 435 ms at 64
  // connections under the same load): the tail is CPU contention, not leases.
  int workspaces = std::max(kMinWorkspaces, static_cast<int>(2 * cores));
  VKA_ASSIGN_OR_RETURN(auto pool, internal::WorkspacePool::Open(options.workspace, workspaces));

  std::unique_ptr<httplib::Server> server;
  if (tls) {
    auto ssl = std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(),
                                                    options.tls_key.c_str());
    if (!ssl->is_valid()) {
      return base::InvalidArgumentError("the TLS certificate or key is not valid: " +
                                        options.tls_cert + ", " + options.tls_key);
    }
    server = std::move(ssl);
  } else {
    server = std::make_unique<httplib::Server>();
  }
  Configure(*server, tls, threads);
  internal::Api api(*pool, options.workspace, tls);
  api.Register(*server);

  // SIGTERM and SIGINT are taken by one thread (blocked everywhere else:
  // worker threads inherit the mask), which stops the server.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::atomic<bool> stopping{false};
  std::thread waiter([&] {
    int received = 0;
    sigwait(&signals, &received);
    stopping = true;
    server->stop();
  });

  int port = options.port;
  bool bound = port == 0 ? (port = server->bind_to_any_port(options.host)) > 0
                         : server->bind_to_port(options.host, port);
  base::Status status;
  if (!bound) {
    status = base::UnavailableError("cannot listen on " + options.host + ":" +
                                    std::to_string(options.port) + " (in use or not permitted)");
  } else {
    std::fprintf(stderr, "vka: serving %s at %s://%s:%d (%d threads; Ctrl-C stops)\n",
                 options.workspace.string().c_str(), tls ? "https" : "http", options.host.c_str(),
                 port, threads);
    std::fflush(stderr);
    if (!server->listen_after_bind() && !stopping) {
      status = base::UnavailableError("the server stopped unexpectedly");
    }
  }
  if (!stopping) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  pthread_sigmask(SIG_UNBLOCK, &signals, nullptr);
  if (status.ok()) std::fprintf(stderr, "vka: stopped\n");
  return status;
}

}  // namespace vka::http
