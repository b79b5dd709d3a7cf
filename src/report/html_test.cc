#include "report/html.h"

#include <gtest/gtest.h>

#include <regex>
#include <sstream>

#include "base/utf8.h"

namespace vka::report {
namespace {

std::string Render(const Document& doc) {
  std::ostringstream out;
  base::Status s = WriteHtml(doc, out);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return out.str();
}

size_t Count(const std::string& text, const std::string& needle) {
  size_t n = 0;
  for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

Document NotedDocument() {
  Table table;
  table.header = {"Name", "Born"};
  table.rows = {{"Оганесян Армен", "1961"}, {"Հովհաննիսյան Արմեն", "1962"}, {"C", "1963"}};
  table.row_notes = {{"note three"}, {}, {"note four"}};
  return DocumentBuilder("Dossier")
      .H1("Facts")
      .P("First.", {"note one", "note two"})
      .AddTable(table)
      .Bullet("Item", {"note five"})
      .Build();
}

TEST(WriteHtmlTest, EscapesScriptInEveryText) {
  const std::string evil = "<script>alert('x')</script>";
  Table table;
  table.header = {evil};
  table.rows = {{evil}};
  table.row_notes = {{evil}};
  Document doc = DocumentBuilder(evil, evil)
                     .Footer(evil)
                     .H1(evil, {evil})
                     .P(evil, {evil})
                     .Bullet(evil)
                     .Pre(evil)
                     .AddTable(table, evil)
                     .Build();
  const std::string html = Render(doc);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("</script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), std::string::npos);
}

TEST(WriteHtmlTest, NumbersFootnotesInOrderWithBackLinks) {
  const std::string html = Render(NotedDocument());
  const char* notes[] = {"note one", "note two", "note three", "note four", "note five"};
  size_t last_ref = 0, last_note = 0;
  for (int n = 1; n <= 5; ++n) {
    const std::string id = std::to_string(n);
    const size_t ref =
        html.find("<a href=\"#fn-" + id + "\" id=\"fnref-" + id + "\">" + id + "</a>");
    ASSERT_NE(ref, std::string::npos) << n;
    EXPECT_GT(ref, last_ref);
    const size_t note = html.find("<li id=\"fn-" + id + "\">" + notes[n - 1] +
                                  " <a class=\"backref\" href=\"#fnref-" + id + "\"");
    ASSERT_NE(note, std::string::npos) << n;
    EXPECT_GT(note, last_note);
    EXPECT_GT(note, ref);
    last_ref = ref;
    last_note = note;
  }
  EXPECT_EQ(html.find("#fn-6"), std::string::npos);
  // Row notes are marked in the row's first cell.
  EXPECT_NE(html.find("<td>Оганесян Армен<sup class=\"fnref\"><a href=\"#fn-3\""),
            std::string::npos);
}

TEST(WriteHtmlTest, HasNoScriptsOrExternalResources) {
  Document doc = NotedDocument();
  doc.blocks.push_back({Block::Type::kParagraph, "see https://example.org/x.png", {}, {}});
  const std::string html = Render(doc);
  for (const char* banned : {"<script", "<link", "<img", "<iframe", " src=", "url(", "@import"}) {
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
  }
  const std::regex href("href=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), href); it != std::sregex_iterator();
       ++it) {
    EXPECT_EQ((*it)[1].str().substr(0, 1), "#") << (*it)[0];
  }
  EXPECT_EQ(Count(html, "<style>"), 1u);
  EXPECT_LT(html.find("<style>"), html.find("</head>"));
  EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
}

TEST(WriteHtmlTest, NumbersHeadingsAndGroupsBullets) {
  Document doc =
      DocumentBuilder("T").H1("A").H2("B").Bullet("x").Bullet("y").P("p").Bullet("z").Build();
  const std::string html = Render(doc);
  EXPECT_NE(html.find("<h2><span class=\"num\">1</span> A</h2>"), std::string::npos);
  EXPECT_NE(html.find("<h3><span class=\"num\">1.1</span> B</h3>"), std::string::npos);
  EXPECT_EQ(Count(html, "<ul>"), 2u);
  EXPECT_EQ(Count(html, "</ul>"), 2u);
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
}

TEST(WriteHtmlTest, ReplacesInvalidUtf8) {
  Document doc = DocumentBuilder("bad \xff title").P("x\xc3(y", {"\xed\xa0\x80"}).Build();
  const std::string html = Render(doc);
  EXPECT_TRUE(base::IsValidUtf8(html));
  EXPECT_NE(html.find("x\\xC3(y"), std::string::npos);
}

TEST(WriteHtmlTest, PutsTheFooterInPrintMarginsAsACssString) {
  const std::string html = Render(DocumentBuilder("Досье \"</style>").Footer("Z").Build());
  EXPECT_NE(html.find("@bottom-left { content: \"Досье \\22 \\3c \\2f style\\3e  \u00b7 Z\""),
            std::string::npos)
      << html;
}

TEST(WriteHtmlTest, ColumnWidthsGoToTheHeadStyle) {
  Table table;
  table.header = {"a", "b"};
  table.widths = {1, 3};
  const std::string html = Render(DocumentBuilder("T").AddTable(table).Build());
  EXPECT_NE(html.find("#t0 col:nth-child(2) { width: 75.0"), std::string::npos);
}

TEST(WriteHtmlTest, RejectsInvalidDocumentsAndReportsStreamFailure) {
  Table table;
  table.header = {"a", "b"};
  table.widths = {1};
  std::ostringstream out;
  EXPECT_EQ(WriteHtml(DocumentBuilder("T").AddTable(table).Build(), out).code(),
            base::StatusCode::kInvalidArgument);
  EXPECT_TRUE(out.str().empty());
  std::ostream broken(nullptr);
  EXPECT_EQ(WriteHtml(DocumentBuilder("T").Build(), broken).code(), base::StatusCode::kIOError);
}

}  // namespace
}  // namespace vka::report
