#include "report/pdf.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <regex>

#include "testing/run_command.h"
#include "testing/scoped_temp_dir.h"

namespace vka::report {
namespace {

constexpr char kArmenian[] = "Հովհաննիսյան Արմեն";
constexpr char kCyrillic[] = "Оганесян Армен";

// Text of the file (or of one page), with runs of white space as one space.
std::string PdfText(const std::string& path, int page = 0) {
  std::string range = page > 0 ? "-f " + std::to_string(page) + " -l " + std::to_string(page) : "";
  std::string text = testing::RunCommand("pdftotext -enc UTF-8 " + range + " '" + path + "' -");
  return std::regex_replace(text, std::regex("\\s+"), " ");
}

int PdfPages(const std::string& path) {
  std::smatch m;
  const std::string info = testing::RunCommand("pdfinfo '" + path + "'");
  if (!std::regex_search(info, m, std::regex("Pages:\\s+(\\d+)"))) return -1;
  return std::stoi(m[1]);
}

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

std::string Excerpt(int chars) {
  std::string text;
  while (static_cast<int>(text.size()) < chars) text += "Testimony excerpt, Երևան, Москва. ";
  return text;
}

// Many pages: names in both scripts, footnotes with unique tokens, a long
// table with footnoted rows and a 2,000-character cell.
Document LongDocument() {
  DocumentBuilder b("Dossier: " + std::string(kArmenian), "Synthetic test case");
  b.Footer("SYNTHETIC DATA").Lang("hy");
  for (int s = 1; s <= 6; ++s) {
    b.H1("Section " + std::to_string(s));
    for (int p = 1; p <= 8; ++p) {
      const std::string id = std::to_string(s * 100 + p);
      b.P("Paragraph PARA" + id + " names " + kArmenian + " and " + kCyrillic + ". " +
              Excerpt(200 + (s * 131 + p * 377) % 900) + "END" + id + ".",
          {"Footnote NOTE" + id + " cites archive file " + id + "."});
    }
    b.Bullet("A bullet about " + std::string(kCyrillic), {"Bullet note " + std::to_string(s)});
  }
  Table table;
  table.header = {"Surname", "Given name", "Excerpt"};
  table.widths = {1, 1, 3};
  for (int r = 0; r < 120; ++r) {
    table.rows.push_back({"Row" + std::to_string(r) + " Оганесян", "Արմեն",
                          r == 5 ? Excerpt(2000) : "short excerpt"});
    table.row_notes.push_back(r % 10 == 0
                                  ? std::vector<std::string>{"Row note ROWNOTE" + std::to_string(r)}
                                  : std::vector<std::string>{});
  }
  b.H2("Victims").AddTable(table, "Table 1: persons");
  return b.Build();
}

class PdfTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto dir = testing::ScopedTempDir::Create();
    ASSERT_TRUE(dir.ok()) << dir.status().ToString();
    dir_.emplace(std::move(dir).value());
  }
  std::string Write(const Document& doc, const std::string& name = "out.pdf") {
    const std::string path = dir_->Join(name);
    auto pages = WritePdf(doc, path);
    EXPECT_TRUE(pages.ok()) << pages.status().ToString();
    if (pages.ok()) pages_ = *pages;
    return path;
  }
  std::optional<testing::ScopedTempDir> dir_;
  int pages_ = 0;
};

TEST_F(PdfTest, WritesArmenianAndCyrillicTextFootnotesAndPages) {
  const std::string path = Write(LongDocument());
  EXPECT_GT(pages_, 5);
  EXPECT_EQ(PdfPages(path), pages_);
  // Only the PDF is left in the folder: no temporary file.
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir_->path())) ++files;
  EXPECT_EQ(files, 1);
  const std::string text = PdfText(path);
  EXPECT_TRUE(Contains(text, kArmenian)) << text.substr(0, 2000);
  EXPECT_TRUE(Contains(text, kCyrillic));
  EXPECT_TRUE(Contains(text, "Footnote NOTE101 cites archive file 101."));
  EXPECT_TRUE(Contains(text, "Row note ROWNOTE110"));
  EXPECT_TRUE(Contains(text, "page 1 of " + std::to_string(pages_)));
  EXPECT_TRUE(Contains(text, "SYNTHETIC DATA"));
  EXPECT_TRUE(Contains(text, "1.1 Victims") || Contains(text, "6.1 Victims"));
}

TEST_F(PdfTest, PutsEachFootnoteOnThePageOfItsMarker) {
  const std::string path = Write(LongDocument());
  std::vector<std::string> pages;
  for (int page = 1; page <= pages_; ++page) pages.push_back(PdfText(path, page));
  auto page_of = [&](const std::string& needle) {
    for (size_t p = 0; p < pages.size(); ++p) {
      if (Contains(pages[p], needle)) return static_cast<int>(p);
    }
    return -1;
  };
  for (int s = 1; s <= 6; ++s) {
    for (int p = 1; p <= 8; ++p) {
      const std::string id = std::to_string(s * 100 + p);
      const int marker_page = page_of("END" + id + ".");
      ASSERT_GE(marker_page, 0) << id;
      EXPECT_EQ(page_of("NOTE" + id + " "), marker_page) << id;
    }
  }
}

TEST_F(PdfTest, RepeatsTheTableHeaderOnEveryTablePage) {
  const std::string path = Write(LongDocument());
  int table_pages = 0;
  for (int page = 1; page <= pages_; ++page) {
    const std::string text = PdfText(path, page);
    if (!std::regex_search(text, std::regex("Row\\d+ Оганесян"))) continue;
    ++table_pages;
    EXPECT_TRUE(Contains(text, "Surname Given name Excerpt")) << "page " << page;
  }
  EXPECT_GT(table_pages, 1);
}

TEST_F(PdfTest, SurvivesInvalidUtf8) {
  Table table;
  table.header = {"\xff"};
  table.rows = {{"\xc3", "extra cell"}};
  table.row_notes = {{"\xed\xa0\x80"}};
  Document doc = DocumentBuilder("bad \xfe title")
                     .P(std::string("nul \0 and \xe2\x82", 10), {"\xc0\xaf"})
                     .AddTable(table)
                     .Build();
  const std::string text = PdfText(Write(doc));
  EXPECT_EQ(pages_, 1);
  EXPECT_TRUE(Contains(text, "bad \\xFE title")) << text;
}

TEST_F(PdfTest, SlicesARowTallerThanAPageAndCarriesLongNotes) {
  Table table;
  table.header = {"Excerpt"};
  table.rows = {{Excerpt(30000) + " END-OF-CELL"}};
  std::vector<std::string> notes;
  for (int n = 0; n < 60; ++n)
    notes.push_back("Long note LN" + std::to_string(n) + " " + Excerpt(300));
  Document doc = DocumentBuilder("Tall").AddTable(table).P("after", notes).Build();
  const std::string path = Write(doc);
  EXPECT_GT(pages_, 5);
  const std::string text = PdfText(path);
  EXPECT_TRUE(Contains(text, "END-OF-CELL"));
  EXPECT_TRUE(Contains(text, "Long note LN0 "));
  EXPECT_TRUE(Contains(text, "Long note LN59 "));
}

TEST_F(PdfTest, PageBreakStartsANewPage) {
  const std::string path = Write(DocumentBuilder("T").P("ALPHA").PageBreak().P("OMEGA").Build());
  ASSERT_EQ(pages_, 2);
  EXPECT_TRUE(Contains(PdfText(path, 1), "ALPHA"));
  EXPECT_TRUE(Contains(PdfText(path, 2), "OMEGA"));
  EXPECT_TRUE(Contains(PdfText(path, 2), "page 2 of 2"));
}

TEST_F(PdfTest, EmptyDocumentHasOnePage) {
  Write(Document{});
  EXPECT_EQ(pages_, 1);
}

TEST_F(PdfTest, UnwritableFolderGivesIOErrorNamingThePath) {
  const std::string path = dir_->Join("missing/out.pdf");
  auto pages = WritePdf(LongDocument(), path);
  ASSERT_FALSE(pages.ok());
  EXPECT_EQ(pages.status().code(), base::StatusCode::kIOError);
  EXPECT_TRUE(Contains(pages.status().message(), path)) << pages.status().message();
}

TEST_F(PdfTest, RejectsInvalidDocuments) {
  Document doc;
  doc.blocks.push_back({Block::Type::kPageBreak, "text", {}, {}});
  EXPECT_EQ(RenderPdf(doc).status().code(), base::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace vka::report
