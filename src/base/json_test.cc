#include "base/json.h"

#include <gtest/gtest.h>

#include "base/utf8.h"

namespace vka::base {
namespace {

std::string Canon(std::string_view text) {
  auto parsed = ParseJsonStrict(text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  auto canonical = CanonicalJson(*parsed);
  EXPECT_TRUE(canonical.ok());
  return *canonical;
}

TEST(CanonicalJson, MatchesRfc8785Example) {
  // RFC 8785 §3.2.2 example input and output.
  const char* input = R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })";
  EXPECT_EQ(Canon(input),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,"
            "1e-27],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(CanonicalJson, SortsKeysByUtf16CodeUnits) {
  // RFC 8785 §3.2.3: the emoji (a surrogate pair) sorts before U+FB33, unlike
  // in UTF-8 byte order.
  const char* input = R"({"\u20ac":"Euro","\r":"CR","\ufb33":"Hebrew","1":"One",
                          "\ud83d\ude00":"Smiley","\u0080":"Control","\u00f6":"o"})";
  EXPECT_EQ(Canon(input),
            "{\"\\r\":\"CR\",\"1\":\"One\",\"\u0080\":\"Control\",\"ö\":\"o\",\"€\":\"Euro\","
            "\"😀\":\"Smiley\",\"\ufb33\":\"Hebrew\"}");
}

TEST(CanonicalJson, FormatsNumbersLikeEcmaScript) {
  EXPECT_EQ(FormatEcmaNumber(0.0), "0");
  EXPECT_EQ(FormatEcmaNumber(-0.0), "0");
  EXPECT_EQ(FormatEcmaNumber(1e21), "1e+21");
  EXPECT_EQ(FormatEcmaNumber(1e20), "100000000000000000000");
  EXPECT_EQ(FormatEcmaNumber(1e-7), "1e-7");
  EXPECT_EQ(FormatEcmaNumber(0.000001), "0.000001");
  EXPECT_EQ(FormatEcmaNumber(-1.5), "-1.5");
  EXPECT_EQ(FormatEcmaNumber(5e-324), "5e-324");
  EXPECT_EQ(FormatEcmaNumber(1.7976931348623157e308), "1.7976931348623157e+308");
  EXPECT_EQ(Canon("[9007199254740993, -12, 40.5]"), "[9007199254740992,-12,40.5]");
}

TEST(CanonicalJson, IsIdempotent) {
  std::string once = Canon(R"({"b":[1,{"z":null,"a":"Ա"}],"a":1.0})");
  EXPECT_EQ(once, "{\"a\":1,\"b\":[1,{\"a\":\"Ա\",\"z\":null}]}");
  EXPECT_EQ(Canon(once), once);
}

TEST(ParseJsonStrict, RejectsDuplicateKeys) {
  auto r = ParseJsonStrict(R"({"a":1,"a":2})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("duplicate key \"a\""), std::string::npos);
}

TEST(ParseJsonStrict, RejectsInvalidUtf8WithOffset) {
  auto r = ParseJsonStrict(std::string("{\"a\":\"x\xff\"}"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("byte 7"), std::string::npos) << r.status().message();
}

TEST(ParseJsonStrict, ErrorMessagesStayValidUtf8) {
  auto r = ParseJsonStrict("\"\xd5\x80");  // a string cut off after a 2-byte character
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(IsValidUtf8(r.status().message())) << r.status().message();
}

TEST(ParseJsonStrict, RejectsDeepNestingTrailingGarbageAndOversize) {
  std::string deep(100, '[');
  deep += std::string(100, ']');
  EXPECT_FALSE(ParseJsonStrict(deep).ok());
  EXPECT_FALSE(ParseJsonStrict("{} x").ok());
  EXPECT_FALSE(ParseJsonStrict("{\"a\":").ok());
  EXPECT_FALSE(ParseJsonStrict("NaN").ok());
  EXPECT_FALSE(ParseJsonStrict(std::string(100, ' ') + "1", {.max_depth = 64, .max_bytes = 50}).ok());
  EXPECT_TRUE(ParseJsonStrict("[[[1]]]").ok());
}

}  // namespace
}  // namespace vka::base

namespace vka::base {
namespace {

TEST(VisitJsonLeavesTest, GivesPathsOfNestedValues) {
  std::vector<std::pair<std::string, std::string>> seen;
  ASSERT_TRUE(VisitJsonLeaves(
                  R"({"id":"src_1","consent":{"scopes":["legal_use","public_use"],"withdrawn":true},"n":3,"x":null,"after":"z"})",
                  [&](std::string_view path, std::string_view value) {
                    seen.emplace_back(path, value);
                  })
                  .ok());
  const std::vector<std::pair<std::string, std::string>> want = {
      {"id", "src_1"},          {"consent.scopes", "legal_use"}, {"consent.scopes", "public_use"},
      {"consent.withdrawn", "true"}, {"n", "3"},                   {"after", "z"}};
  EXPECT_EQ(seen, want);
}

TEST(VisitJsonLeavesTest, RefusesMalformedText) {
  const Status s = VisitJsonLeaves(R"({"id": )", [](std::string_view, std::string_view) {});
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::base
