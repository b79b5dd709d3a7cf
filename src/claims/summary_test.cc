#include "claims/summary.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vka::claims {
namespace {

// SYNTHETIC claim bodies in canonical order, the later ones with fewer
// forms and amounts than the earlier, so AddBody's reused claim must drop
// what the previous one left.
const std::vector<std::string> kBodies = {
    R"({"amounts":[{"amount":1000,"currency":"SUR","form":"compensation_material","high":3000,"low":500,"method":"expert_estimate","property":"prp_1","year":1990},)"
    R"({"amount":2000,"currency":"USD","form":"compensation_moral","year":2020}],)"
    R"("claimant":"per_1","decision":{"awards":[{"amount":400,"currency":"SUR","form":"compensation_material","year":1990}],"date":"2026-01-01"},)"
    R"("forms":["compensation_material","compensation_moral"],"harm_date":"1990-01-13","id":"clm_1","kind":"claim","place":"plc_1","status":"granted"})",
    R"({"amounts":[{"amount":1.5e2,"currency":"EUR","form":"restitution","year":2010}],"claimant":"per_2","forms":["restitution"],)"
    R"("harm_date":"1988~","id":"clm_2","kind":"claim","status":"submitted"})",
    R"({"claimant":"per_3","id":"clm_3","kind":"claim","remarks":"SYNTHETIC \"quoted\""})",
    R"({"amounts":[{"amount":10,"currency":"USD","form":"compensation_moral","year":2024}],"claimant":"per_4","forms":["compensation_moral"],)"
    R"("id":"clm_4","kind":"claim","place":"plc_2","status":"submitted"})",
};

void ExpectSameRow(const SummaryRow& a, const SummaryRow& b) {
  EXPECT_EQ(a.key, b.key);
  EXPECT_EQ(a.claims, b.claims) << a.key;
  EXPECT_DOUBLE_EQ(a.claimed.mid, b.claimed.mid) << a.key;
  EXPECT_DOUBLE_EQ(a.claimed.low, b.claimed.low) << a.key;
  EXPECT_DOUBLE_EQ(a.claimed.high, b.claimed.high) << a.key;
  EXPECT_DOUBLE_EQ(a.awarded.mid, b.awarded.mid) << a.key;
  EXPECT_EQ(a.unvalued, b.unvalued) << a.key;
}

TEST(SummaryAddBody, CountsAsAddOfTheClaimsFactsForEveryGrouping) {
  auto tables = ValuationTables::BuiltIn();
  ASSERT_TRUE(tables.ok()) << tables.status().ToString();
  for (GroupBy by : {GroupBy::kNone, GroupBy::kStatus, GroupBy::kForm, GroupBy::kPlace, GroupBy::kPeriod}) {
    Summarizer from_facts(*tables, by), from_bodies(*tables, by);
    for (const auto& body : kBodies) {
      auto facts = ReadClaimFacts(body);
      ASSERT_TRUE(facts.ok()) << facts.status().ToString();
      from_facts.Add(*facts);
      ASSERT_TRUE(from_bodies.AddBody(body).ok());
    }
    Summary want = from_facts.Finish(), got = from_bodies.Finish();
    ExpectSameRow(got.total, want.total);
    EXPECT_EQ(got.total.claims, 4);
    EXPECT_GT(got.total.claimed.mid, 0);
    EXPECT_GT(got.total.awarded.mid, 0);
    ASSERT_EQ(got.rows.size(), want.rows.size());
    for (size_t idx = 0; idx < got.rows.size(); ++idx) ExpectSameRow(got.rows[idx], want.rows[idx]);
  }
}

TEST(SummaryAddBody, RefusesABodyThatIsNotJsonAndCountsNothing) {
  auto tables = ValuationTables::BuiltIn();
  ASSERT_TRUE(tables.ok());
  Summarizer s(*tables, GroupBy::kStatus);
  base::Status status = s.AddBody(R"({"amounts":[{"amount":5,)");
  EXPECT_EQ(status.code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(s.Finish().total.claims, 0);
  EXPECT_TRUE(s.Finish().rows.empty());
}

}  // namespace
}  // namespace vka::claims
