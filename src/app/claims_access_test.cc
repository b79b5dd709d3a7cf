// The pure parts of the web registry (app/claims_access.h,
// app/claims_json.h): display names, which claim bodies need a reviewer,
// and the JSON shapes the CLI and the API share. The role filtering over a
// workspace is tested end to end in tests/e2e/test_http_claims.py.

#include "app/claims_access.h"

#include <gtest/gtest.h>

#include "app/claims_json.h"

namespace vka::app {
namespace {

using base::Json;

TEST(PersonDisplayName, PrefersTheFullNameThenGivenPatronymicFamilyOfTheFirstScript) {
  Json full = Json::parse(R"({"names":[{"value":"Anna","script":"Latn","part":"given"},
                                       {"value":"Anna P. Synthetyan","script":"Latn","part":"full"}]})");
  EXPECT_EQ(PersonDisplayName(full), "Anna P. Synthetyan");
  Json parts = Json::parse(R"({"names":[{"value":"Synthetyan","script":"Latn","part":"family"},
                                        {"value":"Anna","script":"Latn","part":"given"},
                                        {"value":"Анна","script":"Cyrl","part":"given"},
                                        {"value":"Petrosovna","script":"Latn","part":"patronymic"}]})");
  EXPECT_EQ(PersonDisplayName(parts), "Anna Petrosovna Synthetyan");
  EXPECT_EQ(PersonDisplayName(Json::parse(R"({"names":[{"value":"Aram"}]})")), "Aram");
  EXPECT_EQ(PersonDisplayName(Json::parse(R"({"sex":"male"})")), "");
}

TEST(ClaimBodyNeedsReviewer, DecisionsDecidedStatusesAndOverlapReviews) {
  EXPECT_FALSE(ClaimBodyNeedsReviewer(Json::parse(R"({"claimant":"per_1"})")));
  EXPECT_FALSE(ClaimBodyNeedsReviewer(Json::parse(R"({"status":"verified"})")));
  EXPECT_FALSE(ClaimBodyNeedsReviewer(Json::parse(R"({"status":7})")));
  for (const char* status : {"granted", "partly_granted", "rejected", "enforced", "paid"}) {
    EXPECT_TRUE(ClaimBodyNeedsReviewer(Json{{"status", status}})) << status;
  }
  EXPECT_TRUE(ClaimBodyNeedsReviewer(Json::parse(R"({"decision":{"reasons":"x"}})")));
  EXPECT_TRUE(ClaimBodyNeedsReviewer(Json::parse(R"({"overlap_reviews":[]})")));
  EXPECT_TRUE(IsClaimDecisionStatus("partly_granted"));
  EXPECT_FALSE(IsClaimDecisionStatus("paid"));
}

TEST(ClaimsJson, SummaryAndViewShapes) {
  claims::Summary s;
  s.reference_currency = "USD";
  s.reference_year = 2024;
  s.tables_version = "t1";
  s.by = claims::GroupBy::kStatus;
  s.rows.push_back({.key = "draft", .claims = 2, .claimed = {10, 8, 15}});
  s.total = {.key = "", .claims = 2, .claimed = {10, 8, 15}};
  Json json = ClaimsSummaryJson(s);
  EXPECT_EQ(json["by"], "status");
  EXPECT_EQ(json["groups"][0]["claimed"], (Json{{"mid", 10.0}, {"low", 8.0}, {"high", 15.0}}));
  EXPECT_EQ(json["total"]["claims"], 2);
  EXPECT_EQ(json["total"]["unvalued_amounts"], 0);

  ClaimView view;
  view.facts.id = "clm_1";
  view.facts.status = "verified";
  view.next_statuses = {"granted", "under_verification"};
  Json v = ClaimViewJson(view);
  EXPECT_EQ(v["next"][0], (Json{{"status", "granted"}, {"decision", true}}));
  EXPECT_EQ(v["next"][1], (Json{{"status", "under_verification"}, {"decision", false}}));
}

}  // namespace
}  // namespace vka::app
