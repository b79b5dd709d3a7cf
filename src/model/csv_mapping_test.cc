#include "model/csv_mapping.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/utf8.h"

namespace vka::model {
namespace {

using base::Json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

using Row = std::vector<std::string>;

constexpr std::string_view kActMapping = R"(
kind = "act"
id_column = "ref"
[defaults]
confidentiality = "restricted"
[columns.what]
field = "type"
values = { "murder" = "killing", "shot" = "killing", "n/a" = "" }
[columns.victims]
field = "victim_count"
[columns.when]
field = "date"
date_format = "DD.MM.YYYY"
[columns.by]
field = "perpetrators[]"
value_key = "perpetrator"
set = { involvement = "direct" }
split = ";"
[columns.harm]
field = "consequences"
split = "|"
values = { "hurt" = "injury" }
[columns.note]
ignore = true
)";

constexpr std::string_view kPersonMapping = R"(
kind = "person"
[columns.family]
field = "names[]"
value_key = "value"
set = { part = "family", script = "Armn" }
[columns.given]
field = "names[]"
value_key = "value"
set = { part = "given", script = "Armn" }
[columns.born]
field = "birth"
date_format = "DD/MM/YYYY"
[columns.sex]
field = "sex"
values = { "M" = "male", "F" = "female" }
)";

CsvMapping MustParse(std::string_view text) {
  base::Result<CsvMapping> mapping = ParseCsvMapping(text, "m.toml");
  EXPECT_TRUE(mapping.ok()) << mapping.status().ToString();
  return mapping.ok() ? *mapping : CsvMapping{};
}

std::string ParseError(std::string_view text) {
  base::Result<CsvMapping> mapping = ParseCsvMapping(text, "m.toml");
  if (mapping.ok()) return "";
  EXPECT_EQ(mapping.status().code(), base::StatusCode::kInvalidArgument);
  return mapping.status().message();
}

// One-column mapping of kind `kind`: column "c" to `field` plus extra keys.
std::string OneColumn(std::string_view kind, std::string_view field, std::string_view extra = "") {
  return "kind = \"" + std::string(kind) + "\"\n[columns.c]\nfield = \"" + std::string(field) +
         "\"\n" + std::string(extra) + "\n";
}

// Converts one cell through a one-column mapping; returns the body or error.
base::Result<Json> Convert(std::string_view kind, std::string_view field, std::string_view cell,
                           std::string_view extra = "") {
  VKA_ASSIGN_OR_RETURN(CsvMapping mapping, ParseCsvMapping(OneColumn(kind, field, extra), "m"));
  return RowToRecord(mapping, {"c"}, {std::string(cell)});
}

std::string ConvertError(std::string_view kind, std::string_view field, std::string_view cell,
                         std::string_view extra = "") {
  base::Result<Json> body = Convert(kind, field, cell, extra);
  if (body.ok()) return "";
  EXPECT_EQ(body.status().code(), base::StatusCode::kInvalidArgument);
  return body.status().message();
}

const Row kActHeader = {"ref", "what", "victims", "when", "by", "harm", "note"};

TEST(CsvMappingTest, MapsActRow) {
  CsvMapping mapping = MustParse(kActMapping);
  base::Result<Json> body = RowToRecord(
      mapping, kActHeader,
      {"act_1", "murder", "3", "05.01.1915", "per_a; org_b;", "hurt|displacement", "skip me"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, Json::parse(R"({
    "kind": "act", "id": "act_1", "confidentiality": "restricted", "type": "killing",
    "victim_count": 3, "date": "1915-01-05",
    "perpetrators": [{"perpetrator": "per_a", "involvement": "direct"},
                     {"perpetrator": "org_b", "involvement": "direct"}],
    "consequences": ["injury", "displacement"]})"));
}

TEST(CsvMappingTest, EmptyCellsAndValuesMappedToEmptyProduceNothing) {
  CsvMapping mapping = MustParse(kActMapping);
  base::Result<Json> body = RowToRecord(mapping, kActHeader, {"", "n/a", "", "", "", "", ""});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, Json::parse(R"({"kind": "act", "confidentiality": "restricted"})"));
}

TEST(CsvMappingTest, UnmappedValuesPassThrough) {
  base::Result<Json> body =
      Convert("act", "type", "kiling", R"(values = { "murder" = "killing" })");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["type"], "kiling");
}

TEST(CsvMappingTest, MapsPersonNamesInHeaderOrder) {
  CsvMapping mapping = MustParse(kPersonMapping);
  base::Result<Json> body = RowToRecord(mapping, {"given", "family", "born", "sex"},
                                        {"Հովհաննես", "Հովհաննիսյան", "5/1/1915", "M"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, Json::parse(R"({
    "kind": "person", "birth": "1915-01-05", "sex": "male",
    "names": [{"value": "Հովհաննես", "part": "given", "script": "Armn"},
              {"value": "Հովհաննիսյան", "part": "family", "script": "Armn"}]})"));
}

TEST(CsvMappingTest, IdOnlyWhenIdColumnPresentAndNonEmpty) {
  CsvMapping mapping = MustParse(kActMapping);
  Row header = {"what"};
  mapping.ignore_unmapped = true;  // the other mapped columns must still exist
  EXPECT_THAT(RowToRecord(mapping, header, {"killing"}).status().message(),
              HasSubstr("header lacks mapped column(s)"));
  CsvMapping small =
      MustParse("kind = \"act\"\nid_column = \"ref\"\n[columns.what]\nfield = \"type\"\n");
  base::Result<Json> without = RowToRecord(small, {"what"}, {"killing"});
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->contains("id"));
  base::Result<Json> empty_id = RowToRecord(small, {"ref", "what"}, {"", "killing"});
  ASSERT_TRUE(empty_id.ok());
  EXPECT_FALSE(empty_id->contains("id"));
  base::Result<Json> with = RowToRecord(small, {"what", "ref"}, {"killing", "act_x"});
  ASSERT_TRUE(with.ok());
  EXPECT_EQ((*with)["id"], "act_x");
}

TEST(CsvMappingTest, RejectsRowWithWrongCellCount) {
  CsvMapping mapping = MustParse(kActMapping);
  EXPECT_EQ(RowToRecord(mapping, kActHeader, {"a", "b"}).status().message(),
            "row has 2 cells but the header has 7 columns");
}

TEST(CsvMappingTest, RejectsInvalidUtf8Cell) {
  EXPECT_EQ(ConvertError("act", "type", "bad\xFF"), "column \"c\": cell is not valid UTF-8");
}

// ---- Dates ----

TEST(CsvMappingTest, ConvertsEveryDateFormat) {
  EXPECT_EQ((*Convert("act", "date", "1990-01~"))["date"], "1990-01~");  // EDTF as written
  EXPECT_EQ((*Convert("act", "date", "7.3.1990", "date_format = \"DD.MM.YYYY\""))["date"],
            "1990-03-07");
  EXPECT_EQ((*Convert("act", "date", "07/03/1990", "date_format = \"DD/MM/YYYY\""))["date"],
            "1990-03-07");
  EXPECT_EQ((*Convert("act", "date", "03/07/1990", "date_format = \"MM/DD/YYYY\""))["date"],
            "1990-03-07");
  EXPECT_EQ((*Convert("act", "date", "1990-3-7", "date_format = \"YYYY-MM-DD\""))["date"],
            "1990-03-07");
  EXPECT_EQ((*Convert("act", "date", "1990", "date_format = \"YYYY\""))["date"], "1990");
  EXPECT_EQ((*Convert("act", "date", "29.02.2000", "date_format = \"DD.MM.YYYY\""))["date"],
            "2000-02-29");
}

TEST(CsvMappingTest, RejectsImpossibleAndMalformedDates) {
  base::Result<CsvMapping> mapping = ParseCsvMapping(
      "kind = \"person\"\n[columns.birth]\nfield = \"birth\"\ndate_format = \"DD.MM.YYYY\"\n"
      "[columns.names]\nfield = \"names\"\n",
      "m");
  ASSERT_TRUE(mapping.ok()) << mapping.status().ToString();
  EXPECT_EQ(RowToRecord(*mapping, {"birth", "names"}, {"31.02.1990", ""}).status().message(),
            "column \"birth\" (field birth): \"31.02.1990\" is not a date in format DD.MM.YYYY");
  const std::string fmt = "date_format = \"DD.MM.YYYY\"";
  EXPECT_THAT(ConvertError("act", "date", "29.02.1900", fmt), HasSubstr("is not a date"));
  EXPECT_THAT(ConvertError("act", "date", "1.13.1990", fmt), HasSubstr("is not a date"));
  EXPECT_THAT(ConvertError("act", "date", "01.01.90", fmt), HasSubstr("is not a date"));
  EXPECT_THAT(ConvertError("act", "date", "01.01.1990x", fmt), HasSubstr("is not a date"));
  EXPECT_THAT(ConvertError("act", "date", "1990-01-01", fmt), HasSubstr("is not a date"));
  EXPECT_THAT(ConvertError("act", "date", "001.01.1990", fmt), HasSubstr("is not a date"));
  EXPECT_THAT(ConvertError("act", "date", "199", "date_format = \"YYYY\""),
              HasSubstr("\"199\" is not a date in format YYYY"));
  EXPECT_THAT(ConvertError("act", "date", "13/31/1990", "date_format = \"MM/DD/YYYY\""),
              HasSubstr("is not a date in format MM/DD/YYYY"));
}

// ---- Types ----

TEST(CsvMappingTest, DerivesTypesFromSchema) {
  EXPECT_EQ((*Convert("act", "victim_count", "-12"))["victim_count"], -12);
  EXPECT_EQ((*Convert("place", "coordinates.lat", "40.18"))["coordinates"]["lat"], 40.18);
  EXPECT_EQ((*Convert("source", "consent.withdrawn", "Yes"))["consent"]["withdrawn"], true);
  EXPECT_EQ((*Convert("source", "consent.withdrawn", "0"))["consent"]["withdrawn"], false);
  EXPECT_EQ((*Convert("source", "consent", R"({"date":"2020"})"))["consent"],
            Json::parse(R"({"date":"2020"})"));
  EXPECT_EQ((*Convert("act", "consequences", R"(["injury"])"))["consequences"],
            Json::parse(R"(["injury"])"));
  EXPECT_EQ((*Convert("act", "method", "123"))["method"], "123");
}

TEST(CsvMappingTest, ExplicitTypeOverridesSchema) {
  EXPECT_EQ((*Convert("act", "method", "123", "type = \"integer\""))["method"], 123);
  EXPECT_EQ((*Convert("act", "victim_count", "7", "type = \"string\""))["victim_count"], "7");
  EXPECT_EQ((*Convert("act", "method", "[1]", "type = \"json\""))["method"], Json::parse("[1]"));
  EXPECT_EQ((*Convert("act", "method", "true", "type = \"boolean\""))["method"], true);
  EXPECT_EQ((*Convert("act", "method", "1e3", "type = \"number\""))["method"], 1000.0);
  // A repeated field with a non-JSON type and no split takes one element.
  EXPECT_EQ((*Convert("act", "grounds", "ethnic", "type = \"string\""))["grounds"],
            Json::parse(R"(["ethnic"])"));
}

TEST(CsvMappingTest, ReportsConversionFailuresWithColumnFieldAndValue) {
  EXPECT_EQ(ConvertError("act", "victim_count", "12a"),
            "column \"c\" (field victim_count): \"12a\" is not an integer");
  EXPECT_THAT(ConvertError("act", "victim_count", "9007199254740993"),
              HasSubstr("outside the integer range"));
  EXPECT_THAT(ConvertError("act", "victim_count", " 1"), HasSubstr("is not an integer"));
  EXPECT_EQ(ConvertError("place", "coordinates.lon", "inf"),
            "column \"c\" (field coordinates.lon): \"inf\" is not a finite number");
  EXPECT_THAT(ConvertError("place", "coordinates.lon", "1,5"), HasSubstr("not a finite number"));
  EXPECT_THAT(ConvertError("source", "consent.withdrawn", "maybe"),
              HasSubstr("\"maybe\" is not a boolean"));
  EXPECT_THAT(ConvertError("source", "consent", "{bad"),
              StartsWith("column \"c\" (field consent): \"{bad\" is not JSON text: "));
  EXPECT_THAT(ConvertError("act", "consequences", "injury"), HasSubstr("is not JSON text"));
}

TEST(CsvMappingTest, MessagesStayValidUtf8) {
  // The JSON parser's detail quotes the last byte read, here half of "Հ".
  std::string message = ConvertError("source", "consent", "Հայ");
  EXPECT_THAT(message, StartsWith("column \"c\" (field consent): \"Հայ\" is not JSON text: "));
  EXPECT_TRUE(base::IsValidUtf8(message)) << message;
  CsvMapping mapping = MustParse(OneColumn("act", "type"));
  message = CheckHeader(mapping, {"c", "bad\xFF"}).message();
  EXPECT_THAT(message, HasSubstr("\"bad\xEF\xBF\xBD\" are not mapped"));
}

TEST(CsvMappingTest, ShortensLongValuesInMessages) {
  const std::string long_value(200, '9');
  std::string message = ConvertError("act", "victim_count", long_value + "x");
  EXPECT_THAT(message, HasSubstr("\"" + std::string(80, '9') + "\"... is not an integer"));
}

// ---- Split and append ----

TEST(CsvMappingTest, SplitTrimsPiecesDropsEmptyOnesAndMapsEach) {
  base::Result<Json> body = Convert("act", "grounds", " ethnic ;; rel ; ",
                                    "split = \";\"\nvalues = { rel = \"religious\" }");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ((*body)["grounds"], Json::parse(R"(["ethnic", "religious"])"));
}

TEST(CsvMappingTest, AppendsBareElementsWithoutValueKey) {
  base::Result<Json> body = Convert("situation", "places[]", "pla_1;pla_2", "split = \";\"");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["places"], Json::parse(R"(["pla_1", "pla_2"])"));
}

TEST(CsvMappingTest, AppendsJsonObjectsWithoutValueKey) {
  base::Result<Json> body = Convert("source", "translations[]", R"({"language":"en"})");
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ((*body)["translations"], Json::parse(R"([{"language":"en"}])"));
}

TEST(CsvMappingTest, SeveralColumnsAppendToOneRepeatedField) {
  CsvMapping mapping = MustParse(
      "kind = \"act\"\n[columns.c1]\nfield = \"consequences\"\nsplit = \",\"\n"
      "[columns.c2]\nfield = \"consequences[]\"\n");
  base::Result<Json> body = RowToRecord(mapping, {"c1", "c2"}, {"a,b", "c"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["consequences"], Json::parse(R"(["a", "b", "c"])"));
}

TEST(CsvMappingTest, ColumnOverridesDefaultAndAppendsToDefaultArray) {
  CsvMapping mapping = MustParse(
      "kind = \"act\"\n[defaults]\nconfidentiality = \"internal\"\ngrounds = [\"ethnic\"]\n"
      "[columns.conf]\nfield = \"confidentiality\"\n[columns.g]\nfield = \"grounds[]\"\n");
  base::Result<Json> body = RowToRecord(mapping, {"conf", "g"}, {"sealed", "religious"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["confidentiality"], "sealed");
  EXPECT_EQ((*body)["grounds"], Json::parse(R"(["ethnic", "religious"])"));
  base::Result<Json> defaults_only = RowToRecord(mapping, {"conf", "g"}, {"", ""});
  ASSERT_TRUE(defaults_only.ok());
  EXPECT_EQ((*defaults_only)["confidentiality"], "internal");
}

TEST(CsvMappingTest, ReportsConflictBetweenObjectAndMemberColumns) {
  CsvMapping mapping = MustParse(
      "kind = \"source\"\n[columns.a]\nfield = \"consent\"\n"
      "[columns.b]\nfield = \"consent.date\"\n");
  EXPECT_EQ(RowToRecord(mapping, {"a", "b"}, {"\"x\"", "2020"}).status().message(),
            "column \"b\" (field consent.date): conflicts with another value of the same field");
  base::Result<Json> merged = RowToRecord(mapping, {"a", "b"}, {R"({"scopes":[]})", "2020"});
  ASSERT_TRUE(merged.ok());
  EXPECT_EQ((*merged)["consent"], Json::parse(R"({"scopes":[], "date":"2020"})"));
}

TEST(CsvMappingTest, KindColumnMustMatchTheKind) {
  base::Result<Json> body = Convert("act", "kind", "act");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, Json::parse(R"({"kind": "act"})"));
  EXPECT_EQ(ConvertError("act", "kind", "person"),
            "column \"c\" (field kind): \"person\" is not the mapping's kind \"act\"");
}

// ---- Mapping file errors ----

TEST(CsvMappingParseTest, ReportsTomlSyntaxErrorWithPosition) {
  EXPECT_THAT(ParseError("kind = \"act\"\n[columns.x\n"), StartsWith("m.toml:2:"));
}

TEST(CsvMappingParseTest, RequiresAKnownKind) {
  EXPECT_EQ(ParseError("id_column = \"id\"\n"), "m.toml: missing kind");
  EXPECT_THAT(ParseError("kind = \"akt\"\n"), StartsWith("m.toml:1:8: unknown kind \"akt\""));
  EXPECT_THAT(ParseError("kind = 3\n"), HasSubstr("kind must be a string"));
}

TEST(CsvMappingParseTest, RejectsUnknownKeys) {
  EXPECT_EQ(ParseError("kind = \"act\"\nignore_unmaped = true\n"),
            "m.toml:2:1: unknown key \"ignore_unmaped\"");
  EXPECT_EQ(ParseError(OneColumn("act", "type", "valeus = {}")),
            "m.toml:4:1: column \"c\": unknown key \"valeus\"");
}

TEST(CsvMappingParseTest, RejectsUnknownFieldNamingColumnAndPath) {
  EXPECT_EQ(ParseError(OneColumn("act", "typ")),
            "m.toml:3:9: column \"c\": field \"typ\": no such field in act");
  EXPECT_THAT(ParseError(OneColumn("source", "consent.scope")),
              HasSubstr("column \"c\": field \"consent.scope\": no such field in source"));
  EXPECT_THAT(ParseError(OneColumn("act", "type.x")), HasSubstr("is not a single object"));
  EXPECT_THAT(ParseError(OneColumn("person", "names.value")),
              HasSubstr("use \"names[]\" with value_key"));
  EXPECT_THAT(ParseError(OneColumn("source", "consent..date")), HasSubstr("malformed target path"));
  EXPECT_THAT(ParseError(OneColumn("act", "perpetrators[].x")), HasSubstr("malformed"));
  EXPECT_THAT(ParseError(OneColumn("act", "[]")), HasSubstr("malformed"));
}

TEST(CsvMappingParseTest, RejectsMisusedTargetOptions) {
  EXPECT_THAT(ParseError(OneColumn("act", "type[]")), HasSubstr("\"[]\" needs a repeated field"));
  EXPECT_THAT(ParseError(OneColumn("act", "id")), HasSubstr("ids come from id_column"));
  EXPECT_THAT(ParseError(OneColumn("act", "perpetrators[]", "value_key = \"who\"")),
              HasSubstr("\"who\" is not a member of perpetrators[]"));
  EXPECT_THAT(ParseError(OneColumn("act", "perpetrators", "value_key = \"perpetrator\"")),
              HasSubstr("value_key needs a \"field[]\" target whose elements are objects"));
  EXPECT_THAT(ParseError(OneColumn("act", "grounds[]", "value_key = \"x\"")),
              HasSubstr("value_key needs"));
  EXPECT_THAT(ParseError(OneColumn("act", "perpetrators[]", "set = { involvement = \"direct\" }")),
              HasSubstr("set needs value_key"));
  EXPECT_THAT(ParseError(OneColumn("act", "perpetrators[]",
                                   "value_key = \"perpetrator\"\nset = { role = \"x\" }")),
              HasSubstr("set: \"role\" is not another member of perpetrators[]"));
  EXPECT_THAT(ParseError(OneColumn("act", "type", "split = \";\"")),
              HasSubstr("split needs a repeated field"));
  EXPECT_THAT(ParseError(OneColumn("act", "grounds", "split = \"\"")),
              HasSubstr("split must not be empty"));
  EXPECT_THAT(ParseError(OneColumn("act", "method", "date_format = \"YYYY\"")),
              HasSubstr("date_format needs a single date field"));
  EXPECT_THAT(ParseError(OneColumn("act", "date", "date_format = \"DD-MM-YYYY\"")),
              HasSubstr("unknown date_format \"DD-MM-YYYY\" (valid: EDTF, DD.MM.YYYY"));
  EXPECT_THAT(ParseError(OneColumn("act", "date", "type = \"text\"")),
              HasSubstr("unknown type \"text\" (valid: string, integer, number, boolean, json)"));
  EXPECT_THAT(ParseError(OneColumn("act", "type", "values = { a = 1 }")),
              HasSubstr("values must map to strings"));
  EXPECT_THAT(ParseError("kind = \"act\"\n[columns.c]\nvalues = {}\n"), HasSubstr("missing field"));
  EXPECT_THAT(ParseError("kind = \"act\"\n[columns.c]\nignore = true\nfield = \"type\"\n"),
              HasSubstr("ignore = true takes no other keys"));
}

TEST(CsvMappingParseTest, RejectsTwoColumnsWritingOneSingleField) {
  EXPECT_THAT(ParseError("kind = \"act\"\n[columns.a]\nfield = \"type\"\n"
                         "[columns.b]\nfield = \"type\"\n"),
              HasSubstr("column \"b\": field type is already written by column \"a\""));
}

TEST(CsvMappingParseTest, RejectsIdColumnAlsoMapped) {
  EXPECT_THAT(ParseError("kind = \"act\"\nid_column = \"c\"\n[columns.c]\nfield = \"type\"\n"),
              HasSubstr("column \"c\": is the id_column"));
}

TEST(CsvMappingParseTest, ChecksDefaults) {
  EXPECT_THAT(ParseError("kind = \"act\"\n[defaults]\ncolour = \"red\"\n"),
              HasSubstr("m.toml:3:1: defaults: \"colour\" is not a field of act"));
  EXPECT_THAT(ParseError("kind = \"act\"\n[defaults]\nid = \"act_x\"\n"),
              HasSubstr("\"id\" is not a field of act that can have a default"));
  CsvMapping mapping =
      MustParse("kind = \"act\"\n[defaults]\ndate = 1915-04-24\nvictim_count = 2\n");
  EXPECT_EQ(mapping.defaults, Json::parse(R"({"date": "1915-04-24", "victim_count": 2})"));
}

// ---- Header checks ----

TEST(CsvMappingHeaderTest, NamesMissingUnmappedAndRepeatedColumns) {
  CsvMapping mapping = MustParse(kActMapping);
  EXPECT_TRUE(CheckHeader(mapping, kActHeader).ok());
  EXPECT_EQ(CheckHeader(mapping, {"what", "victims", "when", "by", "harm"}).message(),
            "header lacks mapped column(s) \"note\"");
  EXPECT_EQ(CheckHeader(mapping, {"ref", "what", "victims", "when", "by", "harm", "note", "x", "y"})
                .message(),
            "header column(s) \"x\", \"y\" are not mapped (map them, give them ignore = true, "
            "or set ignore_unmapped = true)");
  EXPECT_EQ(
      CheckHeader(mapping, {"what", "victims", "when", "by", "harm", "note", "what"}).message(),
      "header repeats column(s) \"what\"");
  mapping.ignore_unmapped = true;
  EXPECT_TRUE(CheckHeader(mapping, {"what", "victims", "when", "by", "harm", "note", "x"}).ok());
}

TEST(CsvMappingHeaderTest, IgnoreUnmappedFromFile) {
  CsvMapping mapping = MustParse(
      "kind = \"act\"\nignore_unmapped = true\n[columns.t]\n"
      "field = \"type\"\n");
  base::Result<Json> body = RowToRecord(mapping, {"t", "extra"}, {"killing", "whatever"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, Json::parse(R"({"kind": "act", "type": "killing"})"));
}

// ---- Default mapping ----

TEST(DefaultCsvMappingTest, ReimportsExportLayout) {
  const Row header = {"id",   "kind",         "type",         "victim_count",
                      "date", "perpetrators", "consequences", "confidentiality"};
  CsvMapping mapping = DefaultCsvMapping(Kind::kAct, header);
  ASSERT_TRUE(CheckHeader(mapping, header).ok());
  base::Result<Json> body =
      RowToRecord(mapping, header,
                  {"act_01", "act", "killing", "4", "1915-04~", R"([{"perpetrator":"org_1"}])",
                   R"(["injury"])", "public"});
  ASSERT_TRUE(body.ok()) << body.status().ToString();
  EXPECT_EQ(*body, Json::parse(R"({
    "id": "act_01", "kind": "act", "type": "killing", "victim_count": 4, "date": "1915-04~",
    "perpetrators": [{"perpetrator": "org_1"}], "consequences": ["injury"],
    "confidentiality": "public"})"));
}

TEST(DefaultCsvMappingTest, ParsesObjectsAndChecksKind) {
  const Row header = {"kind", "title", "type", "consent"};
  CsvMapping mapping = DefaultCsvMapping(Kind::kSource, header);
  base::Result<Json> body =
      RowToRecord(mapping, header, {"source", "T", "testimony", R"({"withdrawn":false})"});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["consent"], Json::parse(R"({"withdrawn":false})"));
  EXPECT_THAT(RowToRecord(mapping, header, {"person", "T", "testimony", ""}).status().message(),
              HasSubstr("\"person\" is not the mapping's kind \"source\""));
}

TEST(DefaultCsvMappingTest, LeavesUnknownColumnsForCheckHeader) {
  const Row header = {"id", "type", "colour"};
  CsvMapping mapping = DefaultCsvMapping(Kind::kAct, header);
  EXPECT_THAT(CheckHeader(mapping, header).message(), HasSubstr("\"colour\" are not mapped"));
}

}  // namespace
}  // namespace vka::model
