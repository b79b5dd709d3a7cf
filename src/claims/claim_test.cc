#include "claims/claim.h"

#include <gtest/gtest.h>

#include "base/edtf.h"

namespace vka::claims {
namespace {

Today Nov2026() { return {base::DaysFromCivil(2026, 11, 29), 2026}; }

base::Json Claim() {
  return base::Json::parse(R"({"id":"clm_01JD3XK5E8Q9V7RZ3M4N6P2B1C","kind":"claim",
    "claimant":"per_01JD3XK5E8Q9V7RZ3M4N6P2B1D","status":"submitted",
    "forms":["compensation_material"],"filed":"2025-03-01","harm_date":"1990-01-13",
    "amounts":[{"form":"compensation_material","amount":12000,"low":9000,"high":15000,
                "currency":"SUR","year":1990}]})");
}

std::vector<std::string> Paths(const std::vector<model::FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.path + ": " + e.message);
  return out;
}

class CheckClaimTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = ValuationTables::BuiltIn();
    ASSERT_TRUE(t.ok());
    tables_ = *t;
  }
  std::vector<std::string> Check(const base::Json& body) { return Paths(CheckClaim(body, tables_, Nov2026())); }
  ValuationTables tables_;
};

TEST_F(CheckClaimTest, AcceptsAWellFormedClaim) { EXPECT_TRUE(Check(Claim()).empty()); }

TEST_F(CheckClaimTest, RefusesNegativeAmountsUnknownCurrenciesAndBadBounds) {
  base::Json c = Claim();
  c["amounts"][0]["amount"] = -5;
  EXPECT_EQ(Check(c), std::vector<std::string>{"amounts[0].amount: amounts must not be negative"});
  c = Claim();
  c["amounts"][0]["currency"] = "XYZ";
  ASSERT_EQ(Check(c).size(), 1u);
  EXPECT_TRUE(Check(c)[0].starts_with("amounts[0].currency: invalid currency \"XYZ\""));
  c = Claim();
  c["amounts"][0]["low"] = 13000;
  EXPECT_EQ(Check(c), std::vector<std::string>{"amounts[0]: bounds must satisfy low <= amount <= high"});
  c = Claim();
  c["amounts"][0]["year"] = 1960;
  EXPECT_EQ(Check(c)[0], "amounts[0].year: no rate for SUR in 1960 (valuation tables illustrative-2026-11-1)");
  c = Claim();
  c["amounts"][0]["form"] = "compensation_moral";
  EXPECT_EQ(Check(c)[0], "amounts[0].form: \"compensation_moral\" is not among the claim's forms");
}

TEST_F(CheckClaimTest, RefusesImpossibleDateOrder) {
  base::Json c = Claim();
  c["filed"] = "2027-01-01";
  EXPECT_EQ(Check(c), std::vector<std::string>{"filed: date is in the future"});
  c = Claim();
  c["harm_date"] = "2025-06-01";
  EXPECT_EQ(Check(c)[0], "harm_date: the harm is dated after the claim was filed (2025-03-01)");
}

TEST_F(CheckClaimTest, NeedsAClaimantAndReasonsForADecision) {
  base::Json c = Claim();
  c.erase("claimant");
  EXPECT_EQ(Check(c)[0], "claimant: a claim needs a claimant (a person) or a household");
  c = Claim();
  c["status"] = "rejected";
  auto errors = Check(c);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], "decision.reasons: a rejected claim needs a decision with reasons");
  EXPECT_EQ(errors[2], "decision.legal_basis: a rejected claim's decision must cite its legal basis (KB ids, e.g. bpg.20)");
}

TEST(ReadClaimFacts, ReadsACanonicalBody) {
  auto facts = ReadClaimFacts(
      R"({"amounts":[{"amount":5,"currency":"USD","form":"restitution","year":2020},{"amount":7,"currency":"AMD","form":"compensation_moral","high":9,"low":6,"property":"prp_X","year":2021}],)"
      R"("beneficiaries":[{"person":"per_A","relationship":"child","victim":"per_V"},{"person":"per_B"}],)"
      R"("claimant":"per_C","decision":{"awards":[{"amount":3,"currency":"USD","form":"restitution","year":2020}],"precedent":"clm_P"},)"
      R"("forms":["restitution","compensation_moral"],"harms":["act_1","prp_X"],"id":"clm_1","status":"granted"})");
  ASSERT_TRUE(facts.ok()) << facts.status().ToString();
  EXPECT_EQ(facts->id, "clm_1");
  EXPECT_EQ(facts->claimant, "per_C");
  ASSERT_EQ(facts->amounts.size(), 2u);
  EXPECT_EQ(facts->amounts[1].money.currency, "AMD");
  EXPECT_EQ(facts->amounts[1].money.low, 6);
  EXPECT_EQ(facts->amounts[1].money.high, 9);
  EXPECT_EQ(facts->amounts[1].property, "prp_X");
  EXPECT_EQ(facts->amounts[0].money.low, 5);
  ASSERT_EQ(facts->beneficiaries.size(), 2u);
  EXPECT_EQ(facts->beneficiaries[0].victim, "per_V");
  EXPECT_EQ(facts->beneficiaries[1].relationship, "");
  ASSERT_EQ(facts->awards.size(), 1u);
  EXPECT_EQ(facts->awards[0].money.amount, 3);
  EXPECT_EQ(facts->precedent, "clm_P");
  EXPECT_EQ(facts->harms, (std::vector<std::string>{"act_1", "prp_X"}));
}

}  // namespace
}  // namespace vka::claims
