#include "report/html.h"

#include <numeric>
#include <string>
#include <vector>

#include "report/internal/text.h"

namespace vka::report {
namespace {

using internal::EscapeHtml;

constexpr char kCss[] = R"css(
html { font-family: "Noto Serif", "Noto Serif Armenian", "DejaVu Serif", serif;
  font-size: 10.5pt; line-height: 1.45; color: #111; background: #fff; }
body { max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
h1, h2, h3, h4, th, td, caption, .subtitle, footer {
  font-family: "Noto Sans", "Noto Sans Armenian", "DejaVu Sans", sans-serif; }
header { border-bottom: 0.5pt solid #888; margin-bottom: 1.2em; }
h1.title { font-size: 20pt; margin: 0 0 0.2em; }
.subtitle { font-size: 12pt; color: #444; margin: 0 0 0.8em; }
h2 { font-size: 15pt; } h3 { font-size: 12.5pt; } h4 { font-size: 11pt; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; margin: 1.1em 0 0.4em; }
.num { margin-right: 0.6em; }
p, li { white-space: pre-line; text-align: justify; margin: 0.4em 0; }
li { text-align: left; margin: 0.15em 0; }
pre { font-family: "DejaVu Sans Mono", monospace; font-size: 8.5pt;
  white-space: pre-wrap; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8.5pt;
  margin: 0.8em 0; }
caption { caption-side: top; text-align: left; font-weight: bold; padding-bottom: 3pt; }
th, td { border: 0.5pt solid #888; padding: 3pt 4pt; vertical-align: top; text-align: left;
  white-space: pre-line; overflow-wrap: anywhere; }
th { background: #e8e8e8; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
sup.fnref { font-size: 70%; line-height: 0; }
sup.fnref a, a.backref { text-decoration: none; }
.footnotes { font-size: 8.5pt; margin-top: 2em; border-top: 0.5pt solid #888; }
.footnotes li { white-space: pre-line; }
.page-break { break-after: page; page-break-after: always; }
footer { font-size: 8pt; color: #555; margin-top: 2em; border-top: 0.5pt solid #888;
  padding-top: 0.4em; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
)css";

// A CSS string literal. ASCII other than letters, digits and spaces becomes
// a hex escape, so no text can end the string or the <style> element;
// non-ASCII UTF-8 (valid after CleanText) is safe as it is.
std::string CssString(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char ch : internal::CleanText(text)) {
    const auto c = static_cast<unsigned char>(ch);
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == ' ' || c >= 0x80;
    if (plain) {
      out.push_back(ch);
    } else {
      out += '\\';
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
      out.push_back(' ');
    }
  }
  return out + "\"";
}

std::string FooterText(const Document& doc) {
  if (doc.footer.empty()) return doc.title;
  if (doc.title.empty()) return doc.footer;
  return doc.title + " \u00b7 " + doc.footer;
}

// Print margin boxes (for engines that support them) and column widths.
std::string DocumentCss(const Document& doc) {
  std::string css = kCss;
  css += "@page { size: A4; margin: 2cm;\n  @bottom-left { content: " + CssString(FooterText(doc)) +
         "; font: 8pt sans-serif; }\n  @bottom-right { content: \"page \" counter(page) \" of \" "
         "counter(pages); font: 8pt sans-serif; } }\n";
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Table& table = doc.blocks[i].table;
    if (doc.blocks[i].type != Block::Type::kTable || table.widths.empty()) continue;
    const double total = std::accumulate(table.widths.begin(), table.widths.end(), 0.0);
    for (size_t c = 0; c < table.widths.size(); ++c) {
      css += "#t" + std::to_string(i) + " col:nth-child(" + std::to_string(c + 1) +
             ") { width: " + std::to_string(100 * table.widths[c] / total) + "%; }\n";
    }
  }
  return css;
}

class HtmlWriter {
 public:
  HtmlWriter(const Document& doc, std::ostream& out) : doc_(doc), out_(out) {}

  void Write() {
    WriteHead();
    out_ << "<body>\n<header>\n";
    if (!doc_.title.empty()) out_ << "<h1 class=\"title\">" << EscapeHtml(doc_.title) << "</h1>\n";
    if (!doc_.subtitle.empty()) {
      out_ << "<p class=\"subtitle\">" << EscapeHtml(doc_.subtitle) << "</p>\n";
    }
    out_ << "</header>\n<main>\n";
    for (size_t i = 0; i < doc_.blocks.size(); ++i) WriteBlock(i);
    CloseList();
    out_ << "</main>\n";
    WriteNotes();
    out_ << "<footer>" << EscapeHtml(FooterText(doc_)) << "</footer>\n</body>\n</html>\n";
  }

 private:
  void WriteHead() {
    out_ << "<!DOCTYPE html>\n<html";
    if (!doc_.lang.empty()) out_ << " lang=\"" << EscapeHtml(doc_.lang) << "\"";
    out_ << ">\n<head>\n<meta charset=\"utf-8\">\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\">\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         << "<title>" << EscapeHtml(doc_.title) << "</title>\n<style>" << DocumentCss(doc_)
         << "</style>\n</head>\n";
  }

  void WriteBlock(size_t index) {
    const Block& block = doc_.blocks[index];
    if (block.type != Block::Type::kBullet) CloseList();
    const int level = internal::HeadingLevel(block.type);
    if (level > 0) {
      const std::string tag = "h" + std::to_string(level + 1);
      out_ << "<" << tag << "><span class=\"num\">" << headings_.Next(block.type) << "</span> "
           << EscapeHtml(block.text) << Markers(block.notes) << "</" << tag << ">\n";
      return;
    }
    switch (block.type) {
      case Block::Type::kBullet:
        if (!in_list_) out_ << "<ul>\n";
        in_list_ = true;
        out_ << "<li>" << EscapeHtml(block.text) << Markers(block.notes) << "</li>\n";
        break;
      case Block::Type::kTable:
        WriteTable(index);
        break;
      case Block::Type::kPreformatted:
        // The parser drops one newline right after <pre>: keep the text's own.
        out_ << "<pre>\n" << EscapeHtml(block.text) << Markers(block.notes) << "</pre>\n";
        break;
      case Block::Type::kPageBreak:
        out_ << "<div class=\"page-break\"></div>\n";
        break;
      default:
        out_ << "<p>" << EscapeHtml(block.text) << Markers(block.notes) << "</p>\n";
    }
  }

  void CloseList() {
    if (in_list_) out_ << "</ul>\n";
    in_list_ = false;
  }

  void WriteTable(size_t index) {
    const Block& block = doc_.blocks[index];
    const Table& table = block.table;
    const size_t columns = internal::ColumnCount(table);
    out_ << "<table id=\"t" << index << "\">\n";
    if (!block.text.empty() || !block.notes.empty()) {
      out_ << "<caption>" << EscapeHtml(block.text) << Markers(block.notes) << "</caption>\n";
    }
    out_ << "<colgroup>";
    for (size_t c = 0; c < columns; ++c) out_ << "<col>";
    out_ << "</colgroup>\n";
    if (!table.header.empty()) {
      out_ << "<thead>\n";
      WriteRow(table.header, columns, "th", {});
      out_ << "</thead>\n";
    }
    out_ << "<tbody>\n";
    for (size_t r = 0; r < table.rows.size(); ++r) {
      const bool has_notes = r < table.row_notes.size();
      WriteRow(table.rows[r], columns, "td", has_notes ? table.row_notes[r] : kNoNotes);
    }
    out_ << "</tbody>\n</table>\n";
  }

  void WriteRow(const std::vector<std::string>& cells, size_t columns, const char* tag,
                const std::vector<std::string>& notes) {
    out_ << "<tr>";
    for (size_t c = 0; c < columns; ++c) {
      out_ << "<" << tag << ">" << (c < cells.size() ? EscapeHtml(cells[c]) : "");
      if (c == 0) out_ << Markers(notes);
      out_ << "</" << tag << ">";
    }
    out_ << "</tr>\n";
  }

  // Numbers notes, remembers their text, returns their superscript links.
  std::string Markers(const std::vector<std::string>& notes) {
    if (notes.empty()) return "";
    std::string html = "<sup class=\"fnref\">";
    for (size_t i = 0; i < notes.size(); ++i) {
      notes_.push_back(&notes[i]);
      const std::string n = std::to_string(notes_.size());
      if (i > 0) html += ",";
      html += "<a href=\"#fn-" + n + "\" id=\"fnref-" + n + "\">" + n + "</a>";
    }
    return html + "</sup>";
  }

  void WriteNotes() {
    if (notes_.empty()) return;
    out_ << "<section class=\"footnotes\" aria-label=\"Notes\">\n<ol>\n";
    for (size_t i = 0; i < notes_.size(); ++i) {
      const std::string n = std::to_string(i + 1);
      out_ << "<li id=\"fn-" << n << "\">" << EscapeHtml(*notes_[i])
           << " <a class=\"backref\" href=\"#fnref-" << n << "\" aria-label=\"back to reference "
           << n << "\">\u21a9\ufe0e</a></li>\n";
    }
    out_ << "</ol>\n</section>\n";
  }

  inline static const std::vector<std::string> kNoNotes;

  const Document& doc_;
  std::ostream& out_;
  internal::HeadingCounter headings_;
  std::vector<const std::string*> notes_;  // point into doc_
  bool in_list_ = false;
};

}  // namespace

base::Status WriteHtml(const Document& doc, std::ostream& out) {
  VKA_RETURN_IF_ERROR(internal::ValidateDocument(doc));
  HtmlWriter(doc, out).Write();
  out.flush();
  if (!out) return base::IOError("write HTML report: output stream failed");
  return base::OkStatus();
}

}  // namespace vka::report
