// vka: wiring only. Everything else lives in the components under src/.

#include <cstdio>
#include <exception>

#include "cli/cli.h"
#include "cli/serve.h"
#include "http/server.h"

namespace {

// `vka serve` (cli/serve.h) runs the http component's server.
vka::base::Status ServeWithHttp(const vka::cli::ServeFlags& flags) {
  VKA_ASSIGN_OR_RETURN(vka::http::ListenAddress address, vka::http::ParseListen(flags.listen));
  vka::http::ServeOptions options;
  options.workspace = flags.workspace;
  options.host = address.host;
  options.port = address.port;
  options.tls_cert = flags.tls_cert;
  options.tls_key = flags.tls_key;
  options.threads = flags.threads;
  return vka::http::Serve(options);
}

}  // namespace

int main(int argc, char** argv) {
  vka::cli::SetServeHandler(&ServeWithHttp);
  try {
    return vka::cli::Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "vka: internal error: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "vka: internal error\n");
  }
  return 70;
}
