#include "report/document.h"

#include <gtest/gtest.h>

namespace vka::report {
namespace {

TEST(DocumentBuilderTest, AppendsBlocksInOrder) {
  Table table;
  table.header = {"Name", "Date"};
  table.rows = {{"Оганесян Армен", "1990"}};
  Document doc = DocumentBuilder("Dossier", "Case 12")
                     .Lang("hy")
                     .Footer("SYNTHETIC DATA")
                     .H1("Facts")
                     .P("Text.", {"Source."})
                     .Bullet("One")
                     .AddTable(table, "Victims", {"List A."})
                     .PageBreak()
                     .Pre("raw")
                     .Build();
  EXPECT_EQ(doc.title, "Dossier");
  EXPECT_EQ(doc.subtitle, "Case 12");
  EXPECT_EQ(doc.lang, "hy");
  EXPECT_EQ(doc.footer, "SYNTHETIC DATA");
  ASSERT_EQ(doc.blocks.size(), 6u);
  EXPECT_EQ(doc.blocks[0].type, Block::Type::kHeading1);
  EXPECT_EQ(doc.blocks[1].notes, std::vector<std::string>{"Source."});
  EXPECT_EQ(doc.blocks[3].type, Block::Type::kTable);
  EXPECT_EQ(doc.blocks[3].text, "Victims");
  EXPECT_EQ(doc.blocks[3].table.rows[0][0], "Оганесян Армен");
  EXPECT_EQ(doc.blocks[4].type, Block::Type::kPageBreak);
  EXPECT_EQ(doc.blocks[5].type, Block::Type::kPreformatted);
}

TEST(DocumentBuilderTest, BuildLeavesTheBuilderEmpty) {
  DocumentBuilder builder("T");
  builder.P("x");
  Document first = builder.Build();
  EXPECT_EQ(first.blocks.size(), 1u);
  EXPECT_TRUE(builder.Build().blocks.empty());
}

}  // namespace
}  // namespace vka::report
