#include "claims/valuation.h"

#include <gtest/gtest.h>

#include "claims/summary.h"

namespace vka::claims {
namespace {

// A fixture whose results are computed by hand in the tests below.
constexpr std::string_view kTables = R"(
version = "fixture-1"
reference_currency = "USD"
reference_year = 2024
[[currency]]
code = "USD"
[[currency]]
code = "SUR"
[[currency]]
code = "AMD"
[[rate]]
currency = "SUR"
year = 1990
mid = 2.0
low = 1.0
high = 4.0
[[rate]]
currency = "AMD"
year = 2000
mid = 500
low = 490
high = 510
[[index]]
year = 1990
mid = 2.5
low = 2.0
high = 3.0
[[index]]
year = 2000
mid = 1.8
low = 1.8
high = 1.8
)";

ValuationTables Fixture() {
  auto t = ValuationTables::Parse(kTables, "fixture.toml");
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return *t;
}

TEST(Valuation, ConvertsAndIndexesWithBounds) {
  ValuationTables t = Fixture();
  // 1000 SUR of 1990 (800..1200): mid 1000/2*2.5, low 800/4*2, high 1200/1*3.
  auto v = t.ToReference({1000, 800, 1200, "SUR", 1990});
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_DOUBLE_EQ(v->mid, 1250);
  EXPECT_DOUBLE_EQ(v->low, 400);
  EXPECT_DOUBLE_EQ(v->high, 3600);
  // 50000 AMD of 2000, no bounds: rate bounds alone make the interval.
  auto w = t.ToReference({50000, 50000, 50000, "AMD", 2000});
  ASSERT_TRUE(w.ok());
  EXPECT_DOUBLE_EQ(w->mid, 180);
  EXPECT_NEAR(w->low, 176.470588, 1e-6);
  EXPECT_NEAR(w->high, 183.673469, 1e-6);
}

TEST(Valuation, RefusesBadMoney) {
  ValuationTables t = Fixture();
  EXPECT_EQ(t.ToReference({-1, -1, -1, "SUR", 1990}).status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_EQ(t.ToReference({10, 20, 30, "SUR", 1990}).status().code(), base::StatusCode::kInvalidArgument);
  auto bad = t.ToReference({10, 10, 10, "usd", 1990});
  EXPECT_EQ(bad.status().code(), base::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("invalid currency \"usd\" (known: AMD, SUR, USD"), std::string::npos);
  auto missing = t.ToReference({10, 10, 10, "SUR", 1975});
  EXPECT_EQ(missing.status().code(), base::StatusCode::kNotFound);
  EXPECT_EQ(missing.status().message(), "no rate for SUR in 1975 (valuation tables fixture-1)");
}

TEST(Valuation, RejectsMalformedTables) {
  EXPECT_FALSE(ValuationTables::Parse("version = \"x\"\nreference_currency = \"USD\"\nreference_year = 2024\n",
                                      "t.toml").ok());  // USD not listed
  std::string bad_order = std::string(kTables) + "[[index]]\nyear = 2001\nmid = 1.0\nlow = 2.0\nhigh = 3.0\n";
  auto r = ValuationTables::Parse(bad_order, "t.toml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("index[2]: needs low <= mid <= high"), std::string::npos);
}

TEST(Valuation, BuiltInTablesLoadAndKnowTheSovietRouble) {
  auto t = ValuationTables::BuiltIn();
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->reference_currency(), "USD");
  EXPECT_TRUE(t->KnowsCurrency("SUR"));
  auto v = t->ToReference({1000, 1000, 1000, "SUR", 1990});
  ASSERT_TRUE(v.ok());
  EXPECT_LT(v->low, v->mid);
  EXPECT_LT(v->mid, v->high);
  auto same = t->ToReference({100, 100, 100, "USD", 2024});
  ASSERT_TRUE(same.ok());
  EXPECT_DOUBLE_EQ(same->mid, 100);
}

TEST(Summary, TotalsCarryBoundsAndGroupByForm) {
  ValuationTables t = Fixture();
  ClaimFacts a;
  a.status = "submitted";
  a.forms = {"compensation_material", "compensation_moral"};
  a.amounts = {{"compensation_material", {1000, 800, 1200, "SUR", 1990}, "", ""},
               {"compensation_moral", {50000, 50000, 50000, "AMD", 2000}, "", ""}};
  ClaimFacts b;
  b.status = "granted";
  b.forms = {"compensation_material"};
  b.amounts = {{"compensation_material", {1000, 1000, 1000, "SUR", 1990}, "", ""}};
  b.awards = {{"compensation_material", {400, 400, 400, "SUR", 1990}, "", ""}};
  Summarizer s(t, GroupBy::kForm);
  s.Add(a);
  s.Add(b);
  Summary out = s.Finish();
  EXPECT_EQ(out.total.claims, 2);
  // 1250 + 180 + 1000/2*2.5 = 2680; low 400 + 176.47 + 1000/4*2 = 1076.47
  EXPECT_DOUBLE_EQ(out.total.claimed.mid, 2680);
  EXPECT_NEAR(out.total.claimed.low, 1076.470588, 1e-6);
  EXPECT_NEAR(out.total.claimed.high, 3600 + 183.673469 + 3000, 1e-6);
  EXPECT_DOUBLE_EQ(out.total.awarded.mid, 500);
  ASSERT_EQ(out.rows.size(), 2u);
  EXPECT_EQ(out.rows[0].key, "compensation_material");
  EXPECT_EQ(out.rows[0].claims, 2);
  EXPECT_DOUBLE_EQ(out.rows[0].claimed.mid, 2500);
  EXPECT_EQ(out.rows[1].key, "compensation_moral");
  EXPECT_DOUBLE_EQ(out.rows[1].claimed.mid, 180);
}

TEST(Summary, PeriodIsTheYearOfTheHarm) {
  EXPECT_EQ(PeriodOf("1990-01-13"), "1990");
  EXPECT_EQ(PeriodOf("1988~"), "1988");
  EXPECT_EQ(PeriodOf(""), "unknown");
  EXPECT_FALSE(ParseGroupBy("year").ok());
}

}  // namespace
}  // namespace vka::claims
