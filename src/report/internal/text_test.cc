#include "report/internal/text.h"

#include <gtest/gtest.h>

namespace vka::report::internal {
namespace {

TEST(CleanTextTest, KeepsValidTextTabsAndNewlines) {
  EXPECT_EQ(CleanText("Оганесян\tՀովհաննիսյան\nend"), "Оганесян\tՀովհաննիսյան\nend");
}

TEST(CleanTextTest, ShowsInvalidBytesAndControlsAsHex) {
  EXPECT_EQ(CleanText(std::string("a\xff"
                                  "b\x01"
                                  "c\0d",
                                  7)),
            "a\\xFFb\\x01c\\x00d");
  EXPECT_EQ(CleanText("\xd5"), "\\xD5");  // truncated Armenian letter
}

TEST(CleanTextTest, NormalisesLineEnds) { EXPECT_EQ(CleanText("a\r\nb\rc"), "a\nb\nc"); }

TEST(EscapeHtmlTest, EscapesMarkupCharacters) {
  EXPECT_EQ(EscapeHtml("<a href='x'>\"&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;");
}

TEST(HeadingCounterTest, NumbersNestedHeadings) {
  HeadingCounter counter;
  EXPECT_EQ(counter.Next(Block::Type::kHeading2), "0.1");
  EXPECT_EQ(counter.Next(Block::Type::kHeading1), "1");
  EXPECT_EQ(counter.Next(Block::Type::kHeading2), "1.1");
  EXPECT_EQ(counter.Next(Block::Type::kHeading3), "1.1.1");
  EXPECT_EQ(counter.Next(Block::Type::kHeading2), "1.2");
  EXPECT_EQ(counter.Next(Block::Type::kHeading1), "2");
  EXPECT_EQ(counter.Next(Block::Type::kHeading3), "2.0.1");
}

TEST(ValidateDocumentTest, RejectsMismatchedWidthsNamingTheBlock) {
  Document doc;
  doc.blocks.resize(2);
  doc.blocks[1].type = Block::Type::kTable;
  doc.blocks[1].table.header = {"a", "b", "c"};
  doc.blocks[1].table.widths = {1, 2};
  base::Status s = ValidateDocument(doc);
  EXPECT_EQ(s.code(), base::StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("block 1"), std::string::npos) << s.message();
  doc.blocks[1].table.widths = {1, 2, -1};
  EXPECT_FALSE(ValidateDocument(doc).ok());
  doc.blocks[1].table.widths = {1, 2, 1};
  EXPECT_TRUE(ValidateDocument(doc).ok());
}

TEST(ValidateDocumentTest, RejectsBadLangAndExtraRowNotes) {
  Document doc;
  doc.lang = "en\" onload=\"x";
  EXPECT_FALSE(ValidateDocument(doc).ok());
  doc.lang = "hy-AM";
  Block table;
  table.type = Block::Type::kTable;
  table.table.rows = {{"x"}};
  table.table.row_notes = {{"n"}, {"m"}};
  doc.blocks.push_back(table);
  EXPECT_FALSE(ValidateDocument(doc).ok());
}

TEST(ValidateDocumentTest, RejectsTextsOver16MiB) {
  Document doc;
  doc.blocks.resize(1);
  doc.blocks[0].notes = {std::string((size_t{16} << 20) + 1, 'x')};
  EXPECT_EQ(ValidateDocument(doc).code(), base::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::report::internal
