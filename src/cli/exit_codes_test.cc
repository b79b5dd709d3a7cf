#include "cli/exit_codes.h"

#include <gtest/gtest.h>

namespace vka::cli {
namespace {

TEST(ExitCodes, AreFixedPerCode) {
  EXPECT_EQ(ExitCodeFor(base::OkStatus()), 0);
  EXPECT_EQ(ExitCodeFor(base::InvalidArgumentError("x")), 2);
  EXPECT_EQ(ExitCodeFor(base::NotFoundError("x")), 3);
  EXPECT_EQ(ExitCodeFor(base::PermissionDeniedError("x")), 4);
  EXPECT_EQ(ExitCodeFor(base::DataLossError("x")), 5);
  EXPECT_EQ(ExitCodeFor(base::IOError("x")), 6);
  EXPECT_EQ(ExitCodeFor(base::UnavailableError("x")), 7);
  EXPECT_EQ(ExitCodeFor(base::InternalError("x")), 70);
  EXPECT_EQ(ExitCodeFor(base::UnauthenticatedError("x")), 4);
  EXPECT_EQ(ExitCodeFor(base::ResourceExhaustedError("x")), 7);
}

}  // namespace
}  // namespace vka::cli
