// Mass-claims use cases against a workspace: routing writes track and rule
// only where the track changes, samples are recorded and concluded, and a
// precedent is applied all or nothing. All data SYNTHETIC.

#include "app/claims_mass.h"

#include <gtest/gtest.h>

#include "app/records.h"
#include "claims/sampling.h"
#include "claims/workflow.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

class ClaimsMassTest : public testing::WorkspaceTest {
 protected:
  const ChangeContext kCtx{"tester", "SYNTHETIC test"};

  void SetUp() override {
    testing::WorkspaceTest::SetUp();
    auto house = AddRecord(
        *ws_, model::Kind::kProperty,
        R"({"type":"dwelling","tenure":{"type":"ownership","documents":["title_deed"]}})", kCtx);
    ASSERT_TRUE(house.ok()) << house.status().ToString();
    house_ = *house;
  }

  // A claim of a new claimant (so that no two claims overlap) for material
  // compensation of `amount` USD of 2024.
  std::string Claim(double amount, bool documented, const std::string& status = "submitted") {
    auto claimant = AddRecord(*ws_, model::Kind::kPerson,
                              R"({"names":[{"value":"Test","part":"given"}],"birth":")" +
                                  std::to_string(1900 + claims_++) + R"(","remarks":"SYNTHETIC"})",
                              kCtx);
    EXPECT_TRUE(claimant.ok()) << claimant.status().ToString();
    base::Json body = {{"claimant", claimant.ok() ? *claimant : ""},
                       {"forms", {"compensation_material"}},
                       {"amounts",
                        {{{"form", "compensation_material"},
                          {"amount", amount},
                          {"currency", "USD"},
                          {"year", 2024}}}},
                       {"status", status},
                       {"remarks", "SYNTHETIC"}};
    if (documented) body["harms"] = {house_};
    if (claims::IsDecisionStatus(status)) {
      body["decision"] = {{"date", "2026-01-01"},
                          {"reasons", "SYNTHETIC"},
                          {"legal_basis", {"bpg.20"}},
                          {"awards",
                           {{{"form", "compensation_material"},
                             {"amount", amount / 2},
                             {"currency", "USD"},
                             {"year", 2024}}}}};
    }
    auto id = AddClaim(*ws_, body.dump(), kCtx);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : "";
  }

  int64_t Revisions(const std::string& id) {
    auto h = RecordHistory(*ws_, id);
    return h.ok() ? static_cast<int64_t>(h->size()) : -1;
  }

  std::string house_;
  int claims_ = 0;
};

TEST_F(ClaimsMassTest, RouteWritesTrackAndRuleOnlyWhereTheTrackChanges) {
  std::string documented = Claim(1000, true);
  std::string plain = Claim(1000, false);
  std::string big = Claim(300000, false);
  auto report = RouteClaims(*ws_, {}, kCtx);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_EQ(report->considered, 3);
  EXPECT_EQ(report->by_track["expedited"], 1);
  EXPECT_EQ(report->by_rule["high_value"], 1);
  auto body = base::ParseJsonStrict(GetRecord(*ws_, documented)->body);
  EXPECT_EQ((*body)["track"], "expedited");
  EXPECT_EQ((*body)["routing"]["rule"], "documented_dwelling");
  EXPECT_EQ((*body)["routing"]["rules_version"], "2026-11-1");
  EXPECT_EQ(base::ParseJsonStrict(GetRecord(*ws_, plain)->body)->value("track", ""), "standard");
  EXPECT_EQ(base::ParseJsonStrict(GetRecord(*ws_, big)->body)->value("track", ""),
            "individual_review");
  // Routing again changes nothing.
  auto again = RouteClaims(*ws_, {}, kCtx);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->changed.empty());
  EXPECT_EQ(Revisions(documented), 2);
}

TEST_F(ClaimsMassTest, RouteDryRunAndMissingReasonWriteNothing) {
  std::string id = Claim(1000, true);
  auto dry = RouteClaims(*ws_, {.dry_run = true}, kCtx);
  ASSERT_TRUE(dry.ok());
  EXPECT_EQ(dry->changed.size(), 1u);
  EXPECT_FALSE(dry->written);
  EXPECT_EQ(RouteClaims(*ws_, {}, {"tester", ""}).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(Revisions(id), 1);
}

TEST_F(ClaimsMassTest, RouteSkipsDecidedClaimsUnlessAsked) {
  std::string decided = Claim(1000, true, "granted");
  auto report = RouteClaims(*ws_, {}, kCtx);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->considered, 0);
  auto asked = RouteClaims(*ws_, {.statuses = {"granted"}}, kCtx);
  ASSERT_TRUE(asked.ok()) << asked.status().ToString();
  EXPECT_EQ(asked->considered, 1);
  EXPECT_EQ(RouteClaims(*ws_, {.statuses = {"granted", "nonsense"}}, kCtx).status().code(),
            base::StatusCode::kInvalidArgument);
}

TEST_F(ClaimsMassTest, SampleIsRecordedAndConcludedWithTheExactBound) {
  for (int idx = 0; idx < 30; ++idx) Claim(100 + idx, false);
  ASSERT_TRUE(RouteClaims(*ws_, {}, kCtx).ok());
  SampleRequest request{.track = "standard", .margin = 0.2, .confidence = 0.9, .seed = 5};
  auto sample = DrawVerificationSample(*ws_, request, kCtx);
  ASSERT_TRUE(sample.ok()) << sample.status().ToString();
  EXPECT_EQ(static_cast<int64_t>(sample->claims.size()), claims::SampleSize(30, 0.2, 0.9));
  EXPECT_EQ(sample->population_size, 30);
  request.dry_run = true;
  EXPECT_EQ(DrawVerificationSample(*ws_, request, kCtx)->claims, sample->claims);

  auto early = ConcludeSample(*ws_, sample->id, 0);
  EXPECT_EQ(early.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(early.status().message().find(sample->claims[0]), std::string::npos);
  for (size_t idx = 0; idx < sample->claims.size(); ++idx) {
    ASSERT_TRUE(RecordSampleFinding(*ws_, sample->id, sample->claims[idx],
                                    idx == 0 ? "error" : "correct", kCtx)
                    .ok());
  }
  EXPECT_EQ(RecordSampleFinding(*ws_, sample->id, sample->claims[0], "correct", kCtx).code(),
            base::StatusCode::kAlreadyExists);
  auto done = ConcludeSample(*ws_, sample->id, 0);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->errors, 1);
  EXPECT_EQ(done->population_size, 30);
  EXPECT_DOUBLE_EQ(done->confidence, 0.9);
  EXPECT_DOUBLE_EQ(done->upper_bound, *claims::ErrorRateUpperBound(
                                          1, static_cast<int64_t>(sample->claims.size()), 0.9));
  EXPECT_EQ(ConcludeSample(*ws_, "smp_nothing", 0).status().code(), base::StatusCode::kNotFound);
}

TEST_F(ClaimsMassTest, SampleRefusesBadRequests) {
  Claim(100, false);
  EXPECT_EQ(DrawVerificationSample(*ws_, {}, kCtx).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(DrawVerificationSample(*ws_, {.track = "fast"}, kCtx).status().code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_EQ(DrawVerificationSample(*ws_, {.track = "expedited"}, kCtx).status().code(),
            base::StatusCode::kFailedPrecondition);
  EXPECT_EQ(
      DrawVerificationSample(*ws_, {.status = "submitted", .margin = 1.5}, kCtx).status().code(),
      base::StatusCode::kInvalidArgument);
}

TEST_F(ClaimsMassTest, PrecedentGivesTheSameShareOfEachTargetsOwnAmount) {
  std::string precedent = Claim(1000, true, "partly_granted");  // awarded half
  std::string a = Claim(3000, true, "verified");
  std::string b = Claim(500, true, "verified");
  auto review = ApplyPrecedent(*ws_, {.precedent = precedent, .targets = {a, b}}, kCtx);
  ASSERT_TRUE(review.ok()) << review.status().ToString();
  EXPECT_FALSE(review->written);
  EXPECT_EQ(Revisions(a), 1);
  ASSERT_EQ(review->targets.size(), 2u);
  EXPECT_EQ(review->targets[0].transition.awards,
            std::vector<std::string>{"compensation_material:1500:USD:2024"});

  auto applied =
      ApplyPrecedent(*ws_, {.precedent = precedent, .targets = {a, b}, .apply = true}, kCtx);
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  auto body = *base::ParseJsonStrict(GetRecord(*ws_, b)->body);
  EXPECT_EQ(body["status"], "partly_granted");
  EXPECT_EQ(body["decision"]["precedent"], precedent);
  EXPECT_EQ(body["decision"]["legal_basis"], base::Json::array({"bpg.20"}));
  EXPECT_DOUBLE_EQ(body["decision"]["awards"][0]["amount"].get<double>(), 250);
}

TEST_F(ClaimsMassTest, PrecedentRefusesTheGroupIfOneTargetIsNotVerified) {
  std::string precedent = Claim(1000, true, "granted");
  std::string ready = Claim(100, true, "verified");
  std::string early = Claim(100, true, "submitted");
  auto r = ApplyPrecedent(
      *ws_, {.precedent = precedent, .targets = {ready, early, precedent}, .apply = true}, kCtx);
  ASSERT_EQ(r.status().code(), base::StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find(early + ": is submitted, not verified"), std::string::npos)
      << r.status().message();
  EXPECT_NE(r.status().message().find(precedent + ": is the precedent itself"), std::string::npos);
  EXPECT_EQ(Revisions(ready), 1);
  auto undecided = ApplyPrecedent(*ws_, {.precedent = ready, .targets = {early}}, kCtx);
  EXPECT_EQ(undecided.status().code(), base::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace vka::app
