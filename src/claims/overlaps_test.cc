#include "claims/overlaps.h"

#include <gtest/gtest.h>

namespace vka::claims {
namespace {

ClaimFacts C(std::string id, std::string claimant, std::vector<std::string> harms,
             std::vector<std::string> victims = {}) {
  ClaimFacts c;
  c.id = std::move(id);
  c.claimant = std::move(claimant);
  c.harms = std::move(harms);
  c.victims = std::move(victims);
  return c;
}

PersonNames P(std::string id, std::string given, std::string family, std::string birth,
              std::string patronymic = "") {
  PersonNames p{std::move(id), {std::move(given)}, {std::move(family)}, {}, std::move(birth)};
  if (!patronymic.empty()) p.patronymic = {std::move(patronymic)};
  return p;
}

class OverlapsTest : public ::testing::Test {
 protected:
  std::vector<OverlapFlag> Detect() {
    auto flags = DetectOverlaps(in_, &stats_);
    EXPECT_TRUE(flags.ok()) << flags.status().ToString();
    return flags.ok() ? *flags : std::vector<OverlapFlag>{};
  }
  OverlapInput in_;
  OverlapStats stats_;
};

TEST_F(OverlapsTest, SameClaimantAcrossScriptsIsFlaggedWithItsReason) {
  in_.persons = {P("per_1", "Արմեն", "Հովհաննիսյան", "1961-05-03"),
                 P("per_2", "Армен", "Оганесян", "1961-05-03"),
                 P("per_3", "Armen", "Hovhannisyan", "1975-02-01")};
  in_.claims = {C("clm_a", "per_1", {"act_1"}), C("clm_b", "per_2", {"act_2"}), C("clm_c", "per_3", {"act_3"})};
  auto flags = Detect();
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].type, "same_claimant");
  EXPECT_EQ(flags[0].claims, (std::vector<std::string>{"clm_a", "clm_b"}));
  EXPECT_NE(flags[0].explanation.find("per_1 ~ per_2: names agree across scripts"), std::string::npos)
      << flags[0].explanation;
  EXPECT_TRUE(flags[0].id.starts_with("ovl_"));
}

TEST_F(OverlapsTest, AReviewersDifferentPersonsDecisionWins) {
  in_.persons = {P("per_1", "Արմեն", "Հովհաննիսյան", "1961"), P("per_2", "Армен", "Оганесян", "1961")};
  in_.claims = {C("clm_a", "per_1", {"act_1"}), C("clm_b", "per_2", {"act_2"})};
  in_.links = {{"per_2", "per_1", false}};
  EXPECT_TRUE(Detect().empty());
}

TEST_F(OverlapsTest, OneHarmTwiceByOneClaimant) {
  in_.persons = {P("per_1", "Anna", "Petrosyan", "1950")};
  in_.claims = {C("clm_a", "per_1", {"act_1"}), C("clm_b", "per_1", {"act_1"})};
  auto flags = Detect();
  ASSERT_EQ(flags.size(), 2u);
  EXPECT_EQ(flags[0].type, "double_harm");
  EXPECT_EQ(flags[0].key, "act_1");
  EXPECT_EQ(flags[1].type, "same_claimant");
}

TEST_F(OverlapsTest, SeveralClaimantsForOnePropertyByRegistryReference) {
  in_.persons = {P("per_1", "Anna", "Petrosyan", "1950"), P("per_2", "Karen", "Sargsyan", "1948")};
  in_.properties = {{"prp_1", "BK-12/345", "", ""}, {"prp_2", "bk 12 345", "", ""}};
  in_.claims = {C("clm_a", "per_1", {"prp_1"}), C("clm_b", "per_2", {"prp_2"})};
  auto flags = Detect();
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].type, "shared_property");
  EXPECT_NE(flags[0].explanation.find("prp_1 and prp_2 have the same registry reference"), std::string::npos);
}

TEST_F(OverlapsTest, HeirsOfOneVictimThroughActsAndBeneficiaries) {
  in_.persons = {P("per_1", "Anna", "Petrosyan", "1950"), P("per_2", "Karen", "Petrosyan", "1975"),
                 P("per_v", "Vazgen", "Petrosyan", "1945")};
  in_.harms = {{"act_k", {"per_v"}}};
  ClaimFacts b = C("clm_b", "per_2", {});
  b.beneficiaries = {{"per_2", "child", "per_v"}};
  in_.claims = {C("clm_a", "per_1", {"act_k"}), b};
  auto flags = Detect();
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].type, "shared_victim");
  EXPECT_EQ(flags[0].key, "per_v");
}

TEST_F(OverlapsTest, DifferentPeopleWithCommonNamesAreNotFlagged) {
  // Same name, different birth dates; same name, no dates and no patronymics.
  in_.persons = {P("per_1", "Armen", "Petrosyan", "1950-01-01"), P("per_2", "Armen", "Petrosyan", "1950-07-09"),
                 P("per_3", "Armen", "Petrosyan", ""), P("per_4", "Armen", "Petrosyan", "")};
  in_.claims = {C("clm_1", "per_1", {"act_1"}), C("clm_2", "per_2", {"act_2"}), C("clm_3", "per_3", {"act_3"}),
                C("clm_4", "per_4", {"act_4"})};
  EXPECT_TRUE(Detect().empty());
  EXPECT_GT(stats_.name_pairs_compared, 0);
}

TEST(OverlapFlagId, DependsOnTheSetNotTheOrder) {
  EXPECT_EQ(OverlapFlagId("t", "k", {"b", "a"}), OverlapFlagId("t", "k", {"a", "b"}));
  EXPECT_NE(OverlapFlagId("t", "k", {"a", "b"}), OverlapFlagId("t", "k", {"a", "c"}));
}

}  // namespace
}  // namespace vka::claims
