#include "base/csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>
#include <streambuf>
#include <string>
#include <vector>

namespace vka::base {
namespace {

using Rows = std::vector<std::vector<std::string>>;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// Reads every record; returns the rows, or the first error.
Result<Rows> ReadAll(const std::string& text, CsvOptions options = {}) {
  std::istringstream in(text);
  CsvReader reader(in, "t.csv", options);
  Rows rows;
  std::vector<std::string> row;
  for (;;) {
    VKA_ASSIGN_OR_RETURN(bool more, reader.Next(row));
    if (!more) return rows;
    rows.push_back(row);
  }
}

// The error message of reading text, or "" when it reads cleanly.
std::string ErrorOf(const std::string& text, CsvOptions options = {}) {
  Result<Rows> rows = ReadAll(text, options);
  if (rows.ok()) return "";
  EXPECT_EQ(rows.status().code(), StatusCode::kInvalidArgument);
  return rows.status().message();
}

// An endless stream of one byte, to prove the reader stops at its limits.
class EndlessBuf : public std::streambuf {
 public:
  explicit EndlessBuf(char c) : c_(c) { setg(&c_, &c_, &c_ + 1); }

 protected:
  int_type underflow() override {
    setg(&c_, &c_, &c_ + 1);
    return traits_type::to_int_type(c_);
  }

 private:
  char c_;
};

TEST(CsvReaderTest, ReadsSimpleRecords) {
  Result<Rows> rows = ReadAll("a,b,c\n1,2,3\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a", "b", "c"), ElementsAre("1", "2", "3")));
}

TEST(CsvReaderTest, LastRecordNeedsNoLineEnd) {
  Result<Rows> rows = ReadAll("a,b\n1,2");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a", "b"), ElementsAre("1", "2")));
}

TEST(CsvReaderTest, EmptyFieldsAreKept) {
  Result<Rows> rows = ReadAll(",x,\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("", "x", "")));
}

TEST(CsvReaderTest, EmptyInputHasNoRecords) {
  Result<Rows> rows = ReadAll("");
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
}

TEST(CsvReaderTest, SkipsBlankLines) {
  Result<Rows> rows = ReadAll("\n\na\r\n\r\nb\n\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a"), ElementsAre("b")));
}

TEST(CsvReaderTest, KeepsSpacesAroundValues) {
  Result<Rows> rows = ReadAll(" a , b \n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre(" a ", " b ")));
}

TEST(CsvReaderTest, QuotedFieldsWithDoubledQuotesAndDelimiters) {
  Result<Rows> rows = ReadAll("\"a,b\",\"say \"\"hi\"\"\",\"\"\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a,b", "say \"hi\"", "")));
}

TEST(CsvReaderTest, QuotedFieldKeepsEmbeddedLineBreaks) {
  Result<Rows> rows = ReadAll("\"line1\nline2\",\"x\r\ny\"\nnext\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("line1\nline2", "x\r\ny"), ElementsAre("next")));
}

TEST(CsvReaderTest, AcceptsCrLfLfAndLoneCr) {
  Result<Rows> rows = ReadAll("a,b\r\nc,d\ne,f\rg,h");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("a", "b"), ElementsAre("c", "d"),
                                 ElementsAre("e", "f"), ElementsAre("g", "h")));
}

TEST(CsvReaderTest, TracksLineWhereRecordStarted) {
  std::istringstream in("h1,h2\n\"multi\nline\",x\r\n\nlast,y\n");
  CsvReader reader(in, "t.csv");
  std::vector<std::string> row;
  EXPECT_EQ(reader.line(), 0);
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(reader.line(), 1);
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(reader.line(), 2);
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(reader.line(), 5);  // line 4 is blank
  EXPECT_THAT(row, ElementsAre("last", "y"));
  Result<bool> end = reader.Next(row);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(CsvReaderTest, SkipsByteOrderMarkAtStartOnly) {
  Result<Rows> rows = ReadAll("\xEF\xBB\xBFid,name\n1,\xEF\xBB\xBFx\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("id", "name"), ElementsAre("1", "\xEF\xBB\xBFx")));
}

TEST(CsvReaderTest, TextThatMerelyStartsLikeAByteOrderMarkIsKept) {
  // U+FEC0 is EF BB 80: shares two bytes with the byte order mark.
  Result<Rows> rows = ReadAll("\xEF\xBB\x80,b\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("\xEF\xBB\x80", "b")));
}

TEST(CsvReaderTest, InputOfOnlyAByteOrderMarkIsEmpty) {
  Result<Rows> rows = ReadAll("\xEF\xBB\xBF");
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(rows->empty());
}

TEST(CsvReaderTest, SemicolonAndTabDelimiters) {
  Result<Rows> semi = ReadAll("a;\"b;c\";d,e\n", {.delimiter = ';'});
  ASSERT_TRUE(semi.ok());
  EXPECT_THAT(*semi, ElementsAre(ElementsAre("a", "b;c", "d,e")));
  Result<Rows> tab = ReadAll("a\tb c\t\"d\te\"\n", {.delimiter = '\t'});
  ASSERT_TRUE(tab.ok());
  EXPECT_THAT(*tab, ElementsAre(ElementsAre("a", "b c", "d\te")));
}

TEST(CsvReaderTest, RejectsUnsupportedDelimiter) {
  EXPECT_THAT(ErrorOf("a|b\n", {.delimiter = '|'}), HasSubstr("unsupported delimiter"));
}

TEST(CsvReaderTest, UnterminatedQuoteNamesOpeningLineAndSuggestsTruncation) {
  EXPECT_EQ(ErrorOf("a,b\n1,\"open\nmore\n"),
            "t.csv:2: quoted field opened at byte column 3 is not closed at end of input "
            "(truncated file?)");
}

TEST(CsvReaderTest, RejectsQuoteInsideUnquotedField) {
  EXPECT_EQ(ErrorOf("a,b\nx,ab\"c\n"),
            "t.csv:2: quote inside unquoted field at byte column 5 (quote the whole field and "
            "double the quote)");
}

TEST(CsvReaderTest, RejectsSpaceBeforeOpeningQuote) {
  EXPECT_THAT(ErrorOf("a, \"b\"\n"), HasSubstr("t.csv:1: quote inside unquoted field"));
}

TEST(CsvReaderTest, RejectsCharacterAfterClosingQuote) {
  EXPECT_EQ(ErrorOf("\"ab\"c,d\n"),
            "t.csv:1: unexpected character after closing quote at "
            "byte column 5");
}

TEST(CsvReaderTest, RejectsInvalidUtf8WithByteColumn) {
  EXPECT_EQ(ErrorOf("ok\nab,c\xFF\n"), "t.csv:2: invalid UTF-8 at byte column 5");
}

TEST(CsvReaderTest, InvalidUtf8ColumnIsWhereTheSequenceStarts) {
  // A 3-byte lead followed by one continuation byte and then ASCII.
  EXPECT_EQ(ErrorOf("xy\xE2\x82z\n"), "t.csv:1: invalid UTF-8 at byte column 3");
}

TEST(CsvReaderTest, RejectsOverlongAndSurrogateEncodings) {
  EXPECT_THAT(ErrorOf("\xC0\xAF\n"), HasSubstr("invalid UTF-8 at byte column 1"));
  EXPECT_THAT(ErrorOf("a\xED\xA0\x80\n"), HasSubstr("invalid UTF-8 at byte column 2"));
  EXPECT_THAT(ErrorOf("\xF4\x90\x80\x80\n"), HasSubstr("invalid UTF-8 at byte column 1"));
}

TEST(CsvReaderTest, RejectsUtf8SequenceCutOffAtEnd) {
  EXPECT_EQ(ErrorOf("a,\xD5"),
            "t.csv:1: invalid UTF-8 at byte column 3 (sequence cut off at "
            "end of input)");
}

TEST(CsvReaderTest, RejectsInvalidUtf8InsideQuotes) {
  EXPECT_EQ(ErrorOf("\"a\nb\x80\"\n"), "t.csv:2: invalid UTF-8 at byte column 2");
}

TEST(CsvReaderTest, AcceptsMultilingualText) {
  Result<Rows> rows = ReadAll("Հովհաննիսյան,Ованесян,😀\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_THAT(*rows, ElementsAre(ElementsAre("Հովհաննիսյան", "Ованесян", "😀")));
}

TEST(CsvReaderTest, RejectsFieldOverLimit) {
  CsvOptions options{.max_field_bytes = 4};
  EXPECT_TRUE(ErrorOf("abcd,\"wxyz\"\n", options).empty());
  EXPECT_EQ(ErrorOf("a\nabcd,abcde\n", options),
            "t.csv:2: field 2 of the record starting at line 2 is longer than the limit of 4 "
            "bytes");
}

TEST(CsvReaderTest, RejectsRecordOverLimit) {
  // Value bytes plus one per delimiter: "abc,def" is 7.
  CsvOptions options{.max_record_bytes = 7};
  EXPECT_TRUE(ErrorOf("abc,\"def\"\n", options).empty());
  EXPECT_EQ(ErrorOf("abc,\"d\nefg\"\n", options),
            "t.csv:2: the record starting at line 1 is longer than the limit of 7 bytes");
  EXPECT_EQ(ErrorOf(",,,,,,,,\n", options),
            "t.csv:1: the record starting at line 1 is longer than the limit of 7 bytes");
}

TEST(CsvReaderTest, StopsAtLimitOnEndlessInput) {
  EndlessBuf buf('a');
  std::istream in(&buf);
  CsvReader reader(in, "endless", {.max_field_bytes = 1000});
  std::vector<std::string> row;
  Result<bool> result = reader.Next(row);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("longer than the limit of 1000 bytes"));
}

TEST(CsvReaderTest, StopsAtRecordLimitOnEndlessDelimiters) {
  EndlessBuf buf(',');
  std::istream in(&buf);
  CsvReader reader(in, "endless", {.max_record_bytes = 1000});
  std::vector<std::string> row;
  // Endless empty fields carry no value bytes; the delimiters count.
  Result<bool> result = reader.Next(row);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.status().message(), HasSubstr("longer than the limit of 1000 bytes"));
}

TEST(CsvReaderTest, ErrorsAreSticky) {
  std::istringstream in("a\"b\nc\n");
  CsvReader reader(in, "t.csv");
  std::vector<std::string> row;
  Result<bool> first = reader.Next(row);
  ASSERT_FALSE(first.ok());
  Result<bool> second = reader.Next(row);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().message(), first.status().message());
}

TEST(CsvEscapeTest, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvEscape("plain"), "plain");
  EXPECT_EQ(CsvEscape(""), "");
  EXPECT_EQ(CsvEscape(" spaced "), " spaced ");
  EXPECT_EQ(CsvEscape("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvEscape("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvEscape("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvEscape("cr\r"), "\"cr\r\"");
  EXPECT_EQ(CsvEscape("\xEF\xBB\xBFx"), "\"\xEF\xBB\xBFx\"");
}

TEST(WriteCsvRowTest, WritesFieldsWithLfLineEnd) {
  std::ostringstream out;
  WriteCsvRow(out, {"a", "b,c", ""});
  WriteCsvRow(out, {""});
  WriteCsvRow(out, {"x"});
  EXPECT_EQ(out.str(), "a,\"b,c\",\n\"\"\nx\n");
}

TEST(WriteCsvRowTest, RoundTripsThroughReader) {
  const Rows rows = {{"id", "names", "note"},
                     {"1", "Հովհաննիսյան \"Ов\"", "multi\r\nline, with comma"},
                     {""},
                     {"\xEF\xBB\xBF", "", ""}};
  std::ostringstream out;
  for (const auto& row : rows) WriteCsvRow(out, row);
  Result<Rows> back = ReadAll(out.str());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, rows);
}

}  // namespace
}  // namespace vka::base
