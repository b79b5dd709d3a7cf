#pragma once

// The report component's document model: a flat list of blocks (headings,
// paragraphs, bullets, tables, preformatted text, page breaks) with
// footnotes, rendered by html.h and pdf.h. All text is plain UTF-8, never
// markup; the renderers escape it. "\r\n" and "\r" count as "\n"; invalid
// UTF-8 bytes and other control characters (except tab) are shown as "\xNN".
//
// Footnotes are numbered 1..N in document order: for each block, its own
// notes, then (for a table) each row's notes in row order. The marker is a
// superscript number at the end of the block's text (for a table: of its
// caption, and of each row's first cell).
//
// A document is valid when: lang is empty or letters, digits and '-' (at
// most 35); every text is at most 16 MiB; each table's widths are empty or
// one finite positive number per column (columns: the longest of the header
// and the rows); no table has more row_notes than rows; page breaks have no
// text and no notes. The renderers return kInvalidArgument otherwise.

#include <string>
#include <vector>

namespace vka::report {

struct Table {
  std::vector<std::string> header;                  // repeated after page breaks
  std::vector<std::vector<std::string>> rows;       // short rows are padded
  std::vector<std::vector<std::string>> row_notes;  // per row; may be shorter
  std::vector<double> widths;                       // relative column widths; empty = equal
};

struct Block {
  enum class Type {
    kHeading1,
    kHeading2,
    kHeading3,
    kParagraph,
    kBullet,
    kTable,
    kPreformatted,
    kPageBreak,
  };
  Type type = Type::kParagraph;
  std::string text;                // for kTable: an optional caption
  std::vector<std::string> notes;  // footnotes attached to this block
  Table table;                     // for kTable
};

struct Document {
  std::string title;        // first page and running footer
  std::string subtitle;     // first page, under the title (optional)
  std::string lang = "en";  // BCP 47 tag: HTML lang, Pango line breaking
  std::string footer;       // extra footer text, e.g. "SYNTHETIC DATA" (optional)
  // The footer's page number, in the document's language: "{page}" and
  // "{pages}" are replaced by the page number and the page count.
  std::string page_label = "page {page} of {pages}";
  std::vector<Block> blocks;
};

// Shortens call sites: DocumentBuilder("Dossier").H1("Facts").P("...").Build().
// Each method appends one block and returns *this.
class DocumentBuilder {
 public:
  explicit DocumentBuilder(std::string title, std::string subtitle = "");

  DocumentBuilder& Lang(std::string lang);
  DocumentBuilder& Footer(std::string footer);
  DocumentBuilder& PageLabel(std::string page_label);  // see Document::page_label
  DocumentBuilder& H1(std::string text, std::vector<std::string> notes = {});
  DocumentBuilder& H2(std::string text, std::vector<std::string> notes = {});
  DocumentBuilder& H3(std::string text, std::vector<std::string> notes = {});
  DocumentBuilder& P(std::string text, std::vector<std::string> notes = {});
  DocumentBuilder& Bullet(std::string text, std::vector<std::string> notes = {});
  DocumentBuilder& Pre(std::string text);
  // caption may be empty; notes attach to the caption.
  DocumentBuilder& AddTable(Table table, std::string caption = "",
                            std::vector<std::string> notes = {});
  DocumentBuilder& PageBreak();

  // Returns the document built so far and leaves the builder empty.
  Document Build();

 private:
  DocumentBuilder& Add(Block::Type type, std::string text, std::vector<std::string> notes);

  Document doc_;
};

}  // namespace vka::report
