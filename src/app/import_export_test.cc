#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/export.h"
#include "app/import.h"
#include "app/records.h"
#include "testing/workspace_test.h"

namespace vka::app {
namespace {

constexpr char kPlace[] = "plc_01ARYZ6S41TSV4RRFFQ69G5FA1";
constexpr char kPerson[] = "per_01ARYZ6S41TSV4RRFFQ69G5FA2";
constexpr char kAct[] = "act_01ARYZ6S41TSV4RRFFQ69G5FA3";

class ImportExportTest : public testing::WorkspaceTest {
 protected:
  ImportSummary Import(Workspace& ws, std::vector<ImportInput> inputs, ImportOptions o = {}) {
    auto s = ImportFiles(ws, inputs, o, {"tester", "import"});
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : ImportSummary{};
  }
  std::string Export(Workspace& ws, ExportOptions o = {}) {
    std::ostringstream out;
    auto n = ExportRecords(ws, o, out);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return out.str();
  }
  // An act that refers forward to a person defined later in the same file.
  std::string GoodFile() {
    return std::string(R"({"kind":"act","id":")") + kAct + R"(","type":"killing","victim":")" +
           kPerson + R"(","place":")" + kPlace + "\",\"date\":\"1990-01-1X\"}\n" +
           R"({"kind":"place","id":")" + kPlace + R"(","names":[{"value":"Fictional district"}]})" +
           "\n" + R"({"kind":"person","id":")" + kPerson +
           R"(","names":[{"value":"Оганесян","script":"Cyrl","part":"family"}]})" + "\n";
  }
};

TEST_F(ImportExportTest, ImportsForwardReferencesAndRoundTripsByteIdentically) {
  auto s = Import(*ws_, {{Write("a.ndjson", GoodFile()), std::nullopt}});
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].ToString();
  EXPECT_EQ(s.records, 3);
  EXPECT_TRUE(s.committed);
  std::string first = Export(*ws_);
  // Canonical order: places before persons before acts.
  EXPECT_LT(first.find(kPlace), first.find(kPerson));
  EXPECT_LT(first.find("\"kind\":\"person\""), first.find("\"kind\":\"act\""));
  auto other = NewWorkspace("ws2");
  auto s2 = Import(*other, {{Write("first.ndjson", first), std::nullopt}});
  ASSERT_TRUE(s2.errors.empty());
  EXPECT_EQ(Export(*other), first);
}

TEST_F(ImportExportTest, AnyErrorLeavesTheWorkspaceUnchanged) {
  Import(*ws_, {{Write("a.ndjson", GoodFile()), std::nullopt}});
  std::string before = Export(*ws_);
  std::string bad =
      R"({"kind":"person","names":[{"value":"A"}]})" "\n"
      R"({"kind":"act","type":"kiling"})" "\n"
      R"({"kind":"act","type":"killing","victim":"per_01ARYZ6S41TSV4RRFFQ69G5FZZ"})" "\n"
      "{\"kind\":\"person\",\"names\":[{\"value\":\"B\"}]\n";
  auto s = Import(*ws_, {{Write("bad.ndjson", bad), std::nullopt}});
  ASSERT_EQ(s.errors.size(), 3u);
  EXPECT_FALSE(s.committed);
  EXPECT_EQ(s.errors[0].line, 2);
  EXPECT_EQ(s.errors[0].field, "type");
  EXPECT_NE(s.errors[0].message.find("unknown act_type code \"kiling\""), std::string::npos);
  EXPECT_EQ(s.errors[1].line, 4);
  EXPECT_NE(s.errors[1].message.find("invalid JSON"), std::string::npos);
  EXPECT_EQ(s.errors[2].line, 3);
  EXPECT_EQ(s.errors[2].field, "victim");
  EXPECT_EQ(Export(*ws_), before);
}

TEST_F(ImportExportTest, ClaimsGetTheClaimChecks) {
  Import(*ws_, {{Write("a.ndjson", GoodFile()), std::nullopt}});
  std::string before = Export(*ws_);
  // SYNTHETIC claims: a good draft, a negative amount, a decided claim
  // without legal basis, a consistent decided claim (migrated registry).
  std::string claim = std::string(R"({"kind":"claim","claimant":")") + kPerson +
                      R"(","forms":["compensation_material"],"filed":"2025-01-01",)";
  auto amount = [](int value) {
    return R"("amounts":[{"form":"compensation_material","amount":)" + std::to_string(value) +
           R"(,"currency":"USD","year":2020}])";
  };
  std::string decision = R"(,"decision":{"date":"2025-06-30","reasons":"SYNTHETIC")";
  std::string file = claim + amount(100) + R"(,"status":"draft"})" "\n" +
                     claim + amount(-1) + R"(,"status":"draft"})" "\n" +
                     claim + amount(100) + R"(,"status":"granted")" + decision + "}}\n" +
                     claim + amount(100) + R"(,"status":"granted")" + decision +
                     R"(,"legal_basis":["bpg.20"]}})" "\n";
  auto s = Import(*ws_, {{Write("claims.ndjson", file), std::nullopt}});
  ASSERT_EQ(s.errors.size(), 2u);
  EXPECT_FALSE(s.committed);
  EXPECT_EQ(s.errors[0].ToString(), "claims.ndjson:2: amounts[0].amount: amounts must not be negative (value \"-1\")");
  EXPECT_EQ(s.errors[1].line, 3);
  EXPECT_EQ(s.errors[1].field, "decision.legal_basis");
  EXPECT_EQ(Export(*ws_), before);
}

TEST_F(ImportExportTest, DuplicateIdsInInputOrWorkspaceAreRefused) {
  Import(*ws_, {{Write("a.ndjson", GoodFile()), std::nullopt}});
  std::string dup = std::string(R"({"kind":"place","id":")") + kPlace +
                    R"(","names":[{"value":"X"}]})" + "\n";
  auto s = Import(*ws_, {{Write("dup.ndjson", dup), std::nullopt}});
  ASSERT_EQ(s.errors.size(), 1u);
  EXPECT_NE(s.errors[0].message.find("already exists"), std::string::npos);
  std::string twice = R"({"kind":"place","id":"plc_01ARYZ6S41TSV4RRFFQ69G5FB1","names":[{"value":"X"}]})";
  auto s2 = Import(*ws_, {{Write("twice.ndjson", twice + "\n" + twice + "\n"), std::nullopt}});
  ASSERT_EQ(s2.errors.size(), 1u);
  EXPECT_EQ(s2.errors[0].line, 2);
  EXPECT_NE(s2.errors[0].message.find("duplicate id"), std::string::npos);
}

TEST_F(ImportExportTest, DryRunValidatesWithoutWriting) {
  ImportOptions o;
  o.dry_run = true;
  auto s = Import(*ws_, {{Write("a.ndjson", GoodFile()), std::nullopt}}, o);
  EXPECT_TRUE(s.errors.empty());
  EXPECT_EQ(s.records, 3);
  EXPECT_FALSE(s.committed);
  EXPECT_EQ(Export(*ws_), "");
}

TEST_F(ImportExportTest, CsvExportReimportsWithTheDefaultMapping) {
  Import(*ws_, {{Write("a.ndjson", GoodFile()), std::nullopt}});
  ExportOptions csv;
  csv.format = ExportFormat::kCsv;
  csv.kind = model::Kind::kPerson;
  std::string persons = Export(*ws_, csv);
  EXPECT_EQ(persons.substr(0, persons.find('\n')),
            "id,confidentiality,remarks,names,sex,birth,death,status,residence_before,"
            "residence_before_address,occupation,national_identity,contacts,current_location,"
            "situation");
  auto other = NewWorkspace("ws2");
  ImportOptions o;
  o.csv_kind = model::Kind::kPerson;
  auto s = Import(*other, {{Write("persons.csv", persons), std::nullopt}}, o);
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].ToString();
  ExportOptions nd;
  nd.kind = model::Kind::kPerson;
  EXPECT_EQ(Export(*other, nd), Export(*ws_, nd));
}

TEST_F(ImportExportTest, CsvWithMappingConvertsCodesAndDates) {
  Import(*ws_, {{Write("a.ndjson", GoodFile()), std::nullopt}});
  std::string mapping = R"(kind = "act"
[columns.what]
field = "type"
values = { "murder" = "killing", "beaten" = "beating" }
[columns.when]
field = "date"
date_format = "DD.MM.YYYY"
[columns.victim]
field = "victim"
)";
  std::string csv = std::string("what,when,victim\nmurder,13.01.1990,") + kPerson +
                    "\nbeaten,14.01.1990,\n";
  auto s = Import(*ws_, {{Write("acts.csv", csv), Write("acts.toml", mapping)}});
  ASSERT_TRUE(s.errors.empty()) << s.errors[0].ToString();
  auto acts = ListRecords(*ws_, {.kind = model::Kind::kAct, .where = {{"date", "1990-01-13"}}});
  ASSERT_TRUE(acts.ok());
  ASSERT_EQ(acts->size(), 1u);
  EXPECT_NE((*acts)[0].body.find("\"type\":\"killing\""), std::string::npos);
}

}  // namespace
}  // namespace vka::app
