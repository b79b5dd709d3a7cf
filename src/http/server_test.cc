#include "http/server.h"

#include <gtest/gtest.h>

namespace vka::http {
namespace {

TEST(ParseListenTest, AcceptsHostAndPort) {
  auto address = ParseListen("127.0.0.1:8080");
  ASSERT_TRUE(address.ok());
  EXPECT_EQ(address->host, "127.0.0.1");
  EXPECT_EQ(address->port, 8080);
}

TEST(ParseListenTest, EmptyHostIsLoopbackAndBracketsAreRemoved) {
  EXPECT_EQ(ParseListen(":9000")->host, "127.0.0.1");
  auto v6 = ParseListen("[::1]:0");
  ASSERT_TRUE(v6.ok());
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->port, 0);
}

TEST(ParseListenTest, RejectsMissingOrBadPorts) {
  for (const char* bad : {"localhost", "127.0.0.1:", "127.0.0.1:http", "127.0.0.1:70000",
                          "127.0.0.1:-1"}) {
    auto address = ParseListen(bad);
    EXPECT_EQ(address.status().code(), base::StatusCode::kInvalidArgument) << bad;
  }
}

TEST(ServeTest, TlsNeedsBothFiles) {
  ServeOptions options;
  options.tls_cert = "/nonexistent/cert.pem";
  EXPECT_EQ(Serve(options).code(), base::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::http
