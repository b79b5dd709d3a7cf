#include "base/status.h"

#include <gtest/gtest.h>

namespace vka::base {
namespace {

Result<int> Half(int n) {
  if (n % 2 != 0) return InvalidArgumentError("odd: " + std::to_string(n));
  return n / 2;
}

Result<int> Quarter(int n) {
  VKA_ASSIGN_OR_RETURN(int h, Half(n));
  VKA_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

Status CheckEven(int n) {
  VKA_RETURN_IF_ERROR(Half(n).status());
  return OkStatus();
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "ok");
}

TEST(Status, CarriesCodeAndMessage) {
  Status s = DataLossError("entry 7 altered");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_EQ(s.ToString(), "data_loss: entry 7 altered");
  EXPECT_EQ(s.WithContext("verify log").message(), "verify log: entry 7 altered");
}

TEST(Result, PropagatesThroughMacros) {
  EXPECT_EQ(*Quarter(12), 3);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "odd: 3");
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), StatusCode::kInvalidArgument);
}

TEST(Result, NeverHoldsOkStatusWithoutValue) {
  Result<int> r = OkStatus();
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

}  // namespace
}  // namespace vka::base
