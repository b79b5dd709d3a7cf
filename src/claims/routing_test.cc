#include "claims/routing.h"

#include <gtest/gtest.h>

namespace vka::claims {
namespace {

TEST(Routing, BuiltInRulesRouteByEvidenceOverlapAndValue) {
  auto rules = RoutingRules::BuiltIn();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  RoutingFacts documented{.open_overlap = false, .evidence = 0, .tenure_documents = {"title_deed"},
                          .claimed_mid = 40000, .forms = {"restitution", "compensation_material"}};
  EXPECT_EQ(rules->Route(documented)->name, "documented_dwelling");
  EXPECT_EQ(rules->Route(documented)->track, "expedited");
  RoutingFacts flagged = documented;
  flagged.open_overlap = true;
  EXPECT_EQ(rules->Route(flagged)->track, "individual_review");
  RoutingFacts costly = documented;
  costly.claimed_mid = 1e6;
  EXPECT_EQ(rules->Route(costly)->name, "high_value");
  RoutingFacts testimony_only = documented;
  testimony_only.tenure_documents = {"witness_testimony"};
  EXPECT_EQ(rules->Route(testimony_only)->track, "standard");
  RoutingFacts moral = documented;
  moral.forms = {"compensation_moral"};
  EXPECT_EQ(rules->Route(moral)->track, "standard");
}

TEST(Routing, RejectsUnknownConditions) {
  auto r = RoutingRules::Parse("version = \"t\"\n[[rule]]\nname = \"a\"\ntrack = \"standard\"\ncolour = 1\n", "r.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "r.toml: rule[0]: unknown condition \"colour\"");
  EXPECT_FALSE(RoutingRules::Parse("version = \"t\"\n", "r.toml").ok());
}

}  // namespace
}  // namespace vka::claims
