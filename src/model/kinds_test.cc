#include "model/kinds.h"

#include <gtest/gtest.h>

#include <set>

#include "model/schema.h"

namespace vka::model {
namespace {

TEST(Kinds, EveryKindHasUniqueNameAndPrefixAndRoundTrips) {
  std::set<std::string_view> names, prefixes;
  for (Kind k : AllKinds()) {
    EXPECT_TRUE(names.insert(KindName(k)).second);
    EXPECT_TRUE(prefixes.insert(KindPrefix(k)).second);
    EXPECT_EQ(*ParseKindName(KindName(k)), k);
    std::string id = NewId(k);
    EXPECT_EQ(KindOfId(id), k) << id;
    EXPECT_EQ(SchemaOf(k).kind, k);
  }
  EXPECT_EQ(AllKinds().size(), 15u);
}

TEST(Kinds, RejectsUnknownNamesAndMalformedIds) {
  auto r = ParseKindName("persn");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("person"), std::string::npos);
  EXPECT_EQ(KindOfId("per_"), std::nullopt);
  EXPECT_EQ(KindOfId("xyz_01ARYZ6S41TSV4RRFFQ69G5FAV"), std::nullopt);
  EXPECT_EQ(KindOfId("per01ARYZ6S41TSV4RRFFQ69G5FAV"), std::nullopt);
  EXPECT_EQ(KindOfId("per_01ARYZ6S41TSV4RRFFQ69G5FAV"), Kind::kPerson);
}

}  // namespace
}  // namespace vka::model
