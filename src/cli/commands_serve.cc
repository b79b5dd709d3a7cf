// vka serve: the web server (http/server.h), reached through the handler
// main.cc sets (cli/serve.h).

#include <memory>

#include "cli/command.h"
#include "cli/serve.h"

namespace vka::cli {
namespace {

ServeHandler serve_handler = nullptr;

}  // namespace

void SetServeHandler(ServeHandler handler) { serve_handler = handler; }

void SetupServe(CLI::App& sub, Globals& g) {
  auto flags = std::make_shared<ServeFlags>();
  flags->listen = "127.0.0.1:8080";
  sub.add_option("--listen", flags->listen, "HOST:PORT to listen on (default 127.0.0.1:8080)");
  sub.add_option("--tls-cert", flags->tls_cert, "TLS certificate chain (PEM); with --tls-key");
  sub.add_option("--tls-key", flags->tls_key, "TLS private key (PEM)");
  sub.add_option("--threads", flags->threads, "Worker threads (default: at least 64)");
  sub.callback([&g, flags] {
    g.action = [&g, flags]() -> base::Status {
      if (serve_handler == nullptr) return base::InternalError("vka was built without the server");
      VKA_ASSIGN_OR_RETURN(auto dir, app::Workspace::Locate(g.workspace));
      ServeFlags resolved = *flags;
      resolved.workspace = dir.string();
      return serve_handler(resolved);
    };
  });
}

}  // namespace vka::cli
