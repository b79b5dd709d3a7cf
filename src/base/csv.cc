#include "base/csv.h"

#include <optional>

#include <string>
#include <utility>

namespace vka::base {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

bool IsSupportedDelimiter(char c) { return c == ',' || c == ';' || c == '\t'; }

// The continuation bytes a UTF-8 lead byte requires and the allowed range of
// the first one (excludes overlongs, surrogates and code points > U+10FFFF).
// Returns false for a byte that cannot start a sequence.
bool Utf8Lead(unsigned char b, int& pending, unsigned char& lo, unsigned char& hi) {
  lo = 0x80;
  hi = 0xBF;
  if (b >= 0xC2 && b <= 0xDF) {
    pending = 1;
  } else if (b >= 0xE0 && b <= 0xEF) {
    pending = 2;
    if (b == 0xE0) lo = 0xA0;
    if (b == 0xED) hi = 0x9F;
  } else if (b >= 0xF0 && b <= 0xF4) {
    pending = 3;
    if (b == 0xF0) lo = 0x90;
    if (b == 0xF4) hi = 0x8F;
  } else {
    return false;
  }
  return true;
}

}  // namespace

CsvReader::CsvReader(std::istream& in, std::string origin, CsvOptions options)
    : buf_(in.rdbuf()), origin_(std::move(origin)), options_(options) {}

Result<bool> CsvReader::Next(std::vector<std::string>& row) {
  if (!sticky_.ok()) return sticky_;
  Result<bool> result = ReadRecord(row);
  if (!result.ok()) sticky_ = result.status();
  return result;
}

Result<bool> CsvReader::ReadRecord(std::vector<std::string>& row) {
  row.clear();
  if (!started_) {
    started_ = true;
    if (!IsSupportedDelimiter(options_.delimiter)) {
      return Error("unsupported delimiter (use ',', ';' or tab)");
    }
    SkipByteOrderMark();
  }
  VKA_RETURN_IF_ERROR(SkipBlankLines());
  if (Peek() == kEof) {
    VKA_RETURN_IF_ERROR(CheckAtEof());
    return false;
  }
  record_line_ = line_;
  record_bytes_ = 0;
  for (;;) {
    field_index_ = row.size() + 1;
    row.emplace_back();
    VKA_ASSIGN_OR_RETURN(FieldEnd end, ReadField(row.back()));
    if (end == FieldEnd::kRecordEnd) return true;
    VKA_RETURN_IF_ERROR(CountDelimiter());
  }
}

Result<CsvReader::FieldEnd> CsvReader::ReadField(std::string& field) {
  if (Peek() == '"') return ReadQuoted(field);
  return ReadUnquoted(field);
}

Result<CsvReader::FieldEnd> CsvReader::ReadUnquoted(std::string& field) {
  for (;;) {
    const int c = Peek();
    VKA_ASSIGN_OR_RETURN(std::optional<FieldEnd> end, EndOfField(c));
    if (end) return *end;
    if (c == '"') {
      return Error("quote inside unquoted field at byte column " + std::to_string(column_) +
                   " (quote the whole field and double the quote)");
    }
    VKA_RETURN_IF_ERROR(Take());
    VKA_RETURN_IF_ERROR(Append(field, static_cast<char>(c)));
  }
}

Result<CsvReader::FieldEnd> CsvReader::ReadQuoted(std::string& field) {
  const int64_t open_line = line_;
  const int64_t open_column = column_;
  VKA_RETURN_IF_ERROR(Take());  // the opening quote
  for (;;) {
    const int c = Peek();
    if (c == kEof) {
      VKA_RETURN_IF_ERROR(CheckAtEof());
      return ErrorAt(open_line, "quoted field opened at byte column " +
                                    std::to_string(open_column) +
                                    " is not closed at end of input (truncated file?)");
    }
    VKA_RETURN_IF_ERROR(Take());
    if (c == '"') {
      if (Peek() != '"') return AfterClosingQuote();
      VKA_RETURN_IF_ERROR(Take());
    }
    VKA_RETURN_IF_ERROR(Append(field, static_cast<char>(c)));
  }
}

Result<std::optional<CsvReader::FieldEnd>> CsvReader::EndOfField(int c) {
  if (c == kEof) {
    VKA_RETURN_IF_ERROR(CheckAtEof());
    return std::optional(FieldEnd::kRecordEnd);
  }
  if (c == options_.delimiter) {
    VKA_RETURN_IF_ERROR(Take());
    return std::optional(FieldEnd::kDelimiter);
  }
  if (c == '\n' || c == '\r') {
    VKA_RETURN_IF_ERROR(ConsumeLineEnd());
    return std::optional(FieldEnd::kRecordEnd);
  }
  return std::optional<FieldEnd>();
}

Result<CsvReader::FieldEnd> CsvReader::AfterClosingQuote() {
  VKA_ASSIGN_OR_RETURN(std::optional<FieldEnd> end, EndOfField(Peek()));
  if (end) return *end;
  return Error("unexpected character after closing quote at byte column " +
               std::to_string(column_));
}

Status CsvReader::ConsumeLineEnd() {
  const bool cr = Peek() == '\r';
  VKA_RETURN_IF_ERROR(Take());
  if (cr && Peek() == '\n') VKA_RETURN_IF_ERROR(Take());
  return OkStatus();
}

Status CsvReader::SkipBlankLines() {
  for (int c = Peek(); c == '\n' || c == '\r'; c = Peek()) {
    VKA_RETURN_IF_ERROR(ConsumeLineEnd());
  }
  return OkStatus();
}

void CsvReader::SkipByteOrderMark() {
  for (char expected : kByteOrderMark) {
    const int c = buf_->sbumpc();
    if (c == std::char_traits<char>::eof()) break;
    lookahead_.push_back(static_cast<char>(c));
    if (static_cast<char>(c) != expected) break;
  }
  if (lookahead_ == kByteOrderMark) lookahead_.clear();
}

int CsvReader::Peek() {
  if (lookahead_pos_ < lookahead_.size()) {
    return static_cast<unsigned char>(lookahead_[lookahead_pos_]);
  }
  const int c = buf_->sgetc();
  if (c == std::char_traits<char>::eof()) return kEof;
  return static_cast<unsigned char>(c);
}

Status CsvReader::Take() {
  const int c = Peek();
  if (c == kEof) return OkStatus();
  if (lookahead_pos_ < lookahead_.size()) {
    ++lookahead_pos_;
  } else {
    buf_->sbumpc();
  }
  const auto b = static_cast<unsigned char>(c);
  if (utf8_pending_ > 0) {
    if (b < utf8_lo_ || b > utf8_hi_) {
      return ErrorAt(utf8_line_, "invalid UTF-8 at byte column " + std::to_string(utf8_column_));
    }
    --utf8_pending_;
    utf8_lo_ = 0x80;
    utf8_hi_ = 0xBF;
  } else if (b >= 0x80) {
    if (!Utf8Lead(b, utf8_pending_, utf8_lo_, utf8_hi_)) {
      return Error("invalid UTF-8 at byte column " + std::to_string(column_));
    }
    utf8_line_ = line_;
    utf8_column_ = column_;
  }
  if (c == '\n' || (c == '\r' && Peek() != '\n')) {
    ++line_;
    column_ = 1;
  } else {
    ++column_;
  }
  return OkStatus();
}

Status CsvReader::CheckAtEof() {
  if (utf8_pending_ == 0) return OkStatus();
  return ErrorAt(utf8_line_, "invalid UTF-8 at byte column " + std::to_string(utf8_column_) +
                                 " (sequence cut off at end of input)");
}

Status CsvReader::Append(std::string& field, char c) {
  if (field.size() >= options_.max_field_bytes) {
    return Error("field " + std::to_string(field_index_) + " of the record starting at line " +
                 std::to_string(record_line_) + " is longer than the limit of " +
                 std::to_string(options_.max_field_bytes) + " bytes");
  }
  if (record_bytes_ >= options_.max_record_bytes) return RecordTooLong();
  field.push_back(c);
  ++record_bytes_;
  return OkStatus();
}

// Delimiters count towards the record limit, so that a line of nothing but
// delimiters cannot grow the row without bound.
Status CsvReader::CountDelimiter() {
  if (record_bytes_ >= options_.max_record_bytes) return RecordTooLong();
  ++record_bytes_;
  return OkStatus();
}

Status CsvReader::RecordTooLong() const {
  return Error("the record starting at line " + std::to_string(record_line_) +
               " is longer than the limit of " + std::to_string(options_.max_record_bytes) +
               " bytes");
}

Status CsvReader::Error(std::string_view what) const { return ErrorAt(line_, what); }

Status CsvReader::ErrorAt(int64_t line, std::string_view what) const {
  return InvalidArgumentError(origin_ + ":" + std::to_string(line) + ": " + std::string(what));
}

std::string CsvEscape(std::string_view field) {
  const bool needs_quotes = field.find_first_of(",\"\r\n") != std::string_view::npos ||
                            field.substr(0, kByteOrderMark.size()) == kByteOrderMark;
  if (!needs_quotes) return std::string(field);
  std::string out;
  out.reserve(field.size() + 2);
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void WriteCsvRow(std::ostream& out, const std::vector<std::string>& row) {
  if (row.size() == 1 && row[0].empty()) {
    out << "\"\"\n";
    return;
  }
  for (size_t field_idx = 0; field_idx < row.size(); ++field_idx) {
    if (field_idx > 0) out << ',';
    out << CsvEscape(row[field_idx]);
  }
  out << '\n';
}

}  // namespace vka::base
