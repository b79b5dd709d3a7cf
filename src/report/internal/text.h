#pragma once

// Text helpers shared by the HTML and PDF renderers.

#include <string>
#include <string_view>

#include "base/status.h"
#include "report/document.h"

namespace vka::report::internal {

// Returns text safe to hand to Pango or to put in HTML: invalid UTF-8 bytes
// and control characters other than tab and newline become "\xNN" (as
// base::SanitizeUtf8 does), and "\r\n" and "\r" become "\n".
std::string CleanText(std::string_view text);

// CleanText, then &, <, >, " and ' as character references: safe in HTML
// text and in quoted attribute values.
std::string EscapeHtml(std::string_view text);

// The number of columns of a table: the longest of the header and the rows.
size_t ColumnCount(const Table& table);

// kInvalidArgument, naming the block, when doc breaks the rules in
// document.h.
base::Status ValidateDocument(const Document& doc);

// Numbers headings "1", "1.1", "1.1.1" in document order. A heading resets
// the counters below its level; a level skipped above it counts as 0
// ("0.1" for a kHeading2 before any kHeading1).
class HeadingCounter {
 public:
  // REQUIRES: type is kHeading1, kHeading2 or kHeading3.
  std::string Next(Block::Type type);

 private:
  int counts_[3] = {0, 0, 0};
};

// The heading level 1..3 of type, or 0 when it is not a heading.
int HeadingLevel(Block::Type type);

}  // namespace vka::report::internal
