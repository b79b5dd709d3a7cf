#include "report/internal/text.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/utf8.h"

namespace vka::report::internal {
namespace {

constexpr size_t kMaxLangLength = 35;
constexpr size_t kMaxTextBytes = size_t{16} << 20;  // Pango takes int lengths

bool IsControl(unsigned char c) { return (c < 0x20 && c != '\t' && c != '\n') || c == 0x7F; }

void AppendHexByte(unsigned char c, std::string* out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  *out += "\\x";
  out->push_back(kHex[c >> 4]);
  out->push_back(kHex[c & 0xF]);
}

bool IsLangTag(std::string_view lang) {
  if (lang.size() > kMaxLangLength) return false;
  for (char c : lang) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

bool AnyTooLong(const std::vector<std::string>& texts) {
  for (const std::string& text : texts) {
    if (text.size() > kMaxTextBytes) return true;
  }
  return false;
}

bool HasTooLongText(const Block& block) {
  if (block.text.size() > kMaxTextBytes || AnyTooLong(block.notes)) return true;
  if (AnyTooLong(block.table.header)) return true;
  for (const auto& row : block.table.rows) {
    if (AnyTooLong(row)) return true;
  }
  for (const auto& notes : block.table.row_notes) {
    if (AnyTooLong(notes)) return true;
  }
  return false;
}

base::Status ValidateTable(const Table& table) {
  const size_t columns = ColumnCount(table);
  if (!table.widths.empty() && table.widths.size() != columns) {
    return base::InvalidArgumentError("widths has " + std::to_string(table.widths.size()) +
                                      " entries for " + std::to_string(columns) + " columns");
  }
  double total = 0;
  for (double w : table.widths) {
    if (!std::isfinite(w) || w <= 0) {
      return base::InvalidArgumentError("widths must be finite and positive");
    }
    total += w;
  }
  if (!std::isfinite(total)) return base::InvalidArgumentError("widths sum to infinity");
  if (table.row_notes.size() > table.rows.size()) {
    return base::InvalidArgumentError("row_notes has more entries than rows");
  }
  return base::OkStatus();
}

}  // namespace

std::string CleanText(std::string_view text) {
  const std::string valid = base::SanitizeUtf8(text);
  std::string out;
  out.reserve(valid.size());
  for (size_t i = 0; i < valid.size(); ++i) {
    const auto c = static_cast<unsigned char>(valid[i]);
    if (c == '\r') {
      out.push_back('\n');
      if (i + 1 < valid.size() && valid[i + 1] == '\n') ++i;
    } else if (IsControl(c)) {
      AppendHexByte(c, &out);
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  for (char c : CleanText(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

size_t ColumnCount(const Table& table) {
  size_t columns = table.header.size();
  for (const auto& row : table.rows) columns = std::max(columns, row.size());
  return columns;
}

base::Status ValidateDocument(const Document& doc) {
  if (!IsLangTag(doc.lang)) {
    return base::InvalidArgumentError("document lang '" + base::SanitizeUtf8(doc.lang) +
                                      "' is not a language tag");
  }
  for (const std::string* text : {&doc.title, &doc.subtitle, &doc.footer}) {
    if (text->size() > kMaxTextBytes) {
      return base::InvalidArgumentError("document title, subtitle or footer is over 16 MiB");
    }
  }
  for (size_t i = 0; i < doc.blocks.size(); ++i) {
    const Block& block = doc.blocks[i];
    const std::string where = "block " + std::to_string(i);
    if (HasTooLongText(block)) return base::InvalidArgumentError(where + ": a text is over 16 MiB");
    if (block.type == Block::Type::kTable) {
      VKA_RETURN_IF_ERROR(ValidateTable(block.table).WithContext(where + " (table)"));
    }
    if (block.type == Block::Type::kPageBreak && (!block.text.empty() || !block.notes.empty())) {
      return base::InvalidArgumentError(where + " (page break): has text or notes");
    }
  }
  return base::OkStatus();
}

std::string HeadingCounter::Next(Block::Type type) {
  const int level = HeadingLevel(type);
  counts_[level - 1]++;
  for (int below = level; below < 3; ++below) counts_[below] = 0;
  std::string number = std::to_string(counts_[0]);
  for (int i = 1; i < level; ++i) number += "." + std::to_string(counts_[i]);
  return number;
}

int HeadingLevel(Block::Type type) {
  switch (type) {
    case Block::Type::kHeading1:
      return 1;
    case Block::Type::kHeading2:
      return 2;
    case Block::Type::kHeading3:
      return 3;
    default:
      return 0;
  }
}

}  // namespace vka::report::internal
