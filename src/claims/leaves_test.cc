#include "claims/leaves.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "base/json.h"

namespace vka::claims {
namespace {

using Leaves = std::vector<std::pair<std::string, std::string>>;

Leaves Fast(std::string_view text) {
  Leaves seen;
  base::Status s = VisitLeaves(text, [&](std::string_view path, std::string_view value) {
    seen.emplace_back(path, value);
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return seen;
}

Leaves Reference(std::string_view text) {
  Leaves seen;
  base::Status s = base::VisitJsonLeaves(text, [&](std::string_view path, std::string_view value) {
    seen.emplace_back(path, value);
  });
  EXPECT_TRUE(s.ok()) << s.ToString();
  return seen;
}

TEST(VisitLeavesTest, GivesPathsOfNestedValues) {
  const Leaves want = {{"id", "src_1"},          {"consent.scopes", "legal_use"}, {"consent.scopes", "public_use"},
                       {"consent.withdrawn", "true"}, {"n", "3"},                   {"after", "z"}};
  EXPECT_EQ(Fast(R"({"id":"src_1","consent":{"scopes":["legal_use","public_use"],"withdrawn":true},"n":3,"x":null,"after":"z"})"),
            want);
}

TEST(VisitLeavesTest, AgreesWithTheTreeReaderOnStoredBodies) {
  const char* bodies[] = {
      R"({"amounts":[{"amount":33000,"currency":"USD","form":"compensation_moral","high":40000.5,"low":1.5e3,"year":2023}],)"
      R"("beneficiaries":[{"person":"per_1","relationship":"child","victim":"per_2"}],"claimant":"per_1",)"
      R"("decision":{"awards":[{"amount":-0.25,"currency":"EUR"}],"legal_basis":["bpg.20"]},"forms":["a","b"],"x":[[1,[2]],{}]})",
      R"({"names":[{"part":"given","script":"Armn","value":"Արսեն"},{"part":"family","value":"Ba\"d\\al\u0443an \ud83d\ude00\n"}],"sex":false})",
      R"( { "a" : [ ] , "b" : { } , "c" : [ { "d" : "e" } , "f" ] } )",
      R"("just a string")",
      R"(12)",
  };
  for (const char* body : bodies) EXPECT_EQ(Fast(body), Reference(body)) << body;
}

TEST(VisitLeavesTest, DecodesEscapesInKeysAndValues) {
  const Leaves want = {{"a\"b.c", "\xD0\xB0/\t"}};
  EXPECT_EQ(Fast(R"({"a\"b":{"c":"\u0430\/\t"}})"), want);
}

TEST(VisitLeavesTest, RefusesMalformedTextWithTheByteOffset) {
  const std::pair<const char*, const char*> cases[] = {
      {R"({"id": )", "byte 7"},
      {R"({"id":"x" "y"})", "expected ',' or '}'"},
      {R"({"id":"x"} extra)", "trailing content"},
      {R"(["a",])", "expected a value"},
      {R"({"a":01})", "expected ',' or '}'"},
      {R"({"a":1.})", "digit after the decimal point"},
      {R"({"a":"\ud800"})", "unpaired surrogate"},
      {R"({"a":"\q"})", "invalid escape"},
      {"{\"a\":\"\x01\"}", "control character"},
      {R"({"a":tru})", "invalid literal"},
      {R"({"a":"open)", "unterminated string"},
      {R"({1:2})", "expected an object key"},
      {"", "unexpected end of input"},
  };
  for (const auto& [text, want] : cases) {
    base::Status s = VisitLeaves(text, [](std::string_view, std::string_view) {});
    EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument) << text;
    EXPECT_NE(s.message().find(want), std::string::npos) << text << " -> " << s.message();
  }
}

TEST(VisitLeavesTest, RefusesNestingDeeperThanTheLimit) {
  std::string deep(300, '[');
  deep += std::string(300, ']');
  base::Status s = VisitLeaves(deep, [](std::string_view, std::string_view) {});
  EXPECT_NE(s.message().find("nesting too deep"), std::string::npos) << s.message();
  std::string fine(200, '[');
  fine += "1" + std::string(200, ']');
  EXPECT_EQ(Fast(fine), Leaves({{"", "1"}}));
}

}  // namespace
}  // namespace vka::claims
