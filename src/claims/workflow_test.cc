#include "claims/workflow.h"

#include <gtest/gtest.h>

namespace vka::claims {
namespace {

TEST(ClaimWorkflow, AllowsTheMainPath) {
  const char* path[] = {"draft", "submitted", "under_verification", "verified", "partly_granted", "paid"};
  for (size_t idx = 0; idx + 1 < std::size(path); ++idx) {
    EXPECT_TRUE(CheckTransition(path[idx], path[idx + 1]).ok()) << path[idx] << " -> " << path[idx + 1];
  }
  EXPECT_TRUE(CheckTransition("granted", "enforced").ok());
  EXPECT_TRUE(CheckTransition("verified", "rejected").ok());
}

TEST(ClaimWorkflow, WithdrawalFromEveryNonFinalStateOnly) {
  for (auto s : ClaimStatuses()) {
    if (s == "withdrawn") continue;
    EXPECT_EQ(CheckTransition(s, "withdrawn").ok(), !IsFinalStatus(s)) << s;
  }
  EXPECT_TRUE(IsFinalStatus("paid"));
  EXPECT_TRUE(IsFinalStatus("rejected"));
  EXPECT_FALSE(IsFinalStatus("granted"));
}

TEST(ClaimWorkflow, RefusesSkipsAndBackwardJumpsWithTheAllowedNextStates) {
  base::Status s = CheckTransition("draft", "verified");
  EXPECT_EQ(s.code(), base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.message(), "cannot go from draft to verified; from draft a claim may go to: submitted, withdrawn");
  EXPECT_FALSE(CheckTransition("submitted", "granted").ok());
  EXPECT_FALSE(CheckTransition("rejected", "paid").ok());
  EXPECT_FALSE(CheckTransition("paid", "draft").ok());
  EXPECT_FALSE(CheckTransition("verified", "paid").ok());
  EXPECT_NE(CheckTransition("rejected", "granted").message().find("rejected is final"), std::string::npos);
}

TEST(ClaimWorkflow, UnknownStatusIsInvalidArgument) {
  EXPECT_EQ(CheckTransition("draft", "approved").code(), base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(NextStatuses("approved").empty());
}

}  // namespace
}  // namespace vka::claims
