#pragma once

// Streaming CSV (RFC 4180) reading and deterministic writing.
//
// Reader rules:
//   - Records end at LF, CRLF or a lone CR. Lines with no characters at all
//     between records are skipped (they yield no record).
//   - A field is quoted when its first byte is '"'. Inside quotes, '""' is a
//     literal quote and line breaks are part of the value (kept as written).
//     After the closing quote only the delimiter, a line end or the end of
//     input may follow.
//   - A '"' anywhere in an unquoted field is an error (no lenient guessing).
//   - A UTF-8 byte order mark at the very start is skipped. Every other byte
//     must form well-formed UTF-8 (base/utf8.h rules).
//   - No trimming: spaces around values are part of the values.
// Positions in messages are 1-based physical lines and 1-based byte columns
// (the skipped byte order mark does not count).

#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace vka::base {

struct CsvOptions {
  // ',' (default), ';' or '\t'. Any other value makes Next() fail.
  char delimiter = ',';
  // Upper bounds on one field's value bytes (after quote removal) and on one
  // record's value bytes plus one byte per delimiter. The reader never holds
  // more than one record in memory.
  size_t max_field_bytes = size_t{1} << 20;    // 1 MiB
  size_t max_record_bytes = size_t{16} << 20;  // 16 MiB
};

// Reads records one at a time from a stream. Not thread-safe. The stream
// must outlive the reader; the reader consumes it byte by byte through its
// streambuf and never seeks.
class CsvReader {
 public:
  // `origin` names the input in error messages ("people.csv").
  CsvReader(std::istream& in, std::string origin, CsvOptions options = {});

  // Reads the next record into `row` (cleared first; at least one field on
  // success). Returns true when a record was read, false at the end of
  // input. Returns kInvalidArgument "<origin>:<line>[:<column>]: <what>" for
  // an unsupported delimiter, a quote inside an unquoted field, a character
  // after a closing quote, a quoted field still open at the end of input
  // ("truncated file?"), ill-formed UTF-8 (with its byte column), or a field
  // or record over the limits. A stream whose read fails is treated as
  // ending there (std::streambuf cannot tell the two apart). Errors are
  // sticky: every later call returns the same error. `row` is unspecified
  // after an error.
  Result<bool> Next(std::vector<std::string>& row);

  // The physical line (1-based) on which the record last returned by Next()
  // started; 0 before the first record.
  int64_t line() const { return record_line_; }

  const std::string& origin() const { return origin_; }

 private:
  enum class FieldEnd { kDelimiter, kRecordEnd };

  Result<bool> ReadRecord(std::vector<std::string>& row);
  Result<FieldEnd> ReadField(std::string& field);
  Result<FieldEnd> ReadUnquoted(std::string& field);
  Result<FieldEnd> ReadQuoted(std::string& field);
  Result<FieldEnd> AfterClosingQuote();
  // Consumes a delimiter or line end at c and says which; nullopt when c
  // ends nothing (it is part of the field).
  Result<std::optional<FieldEnd>> EndOfField(int c);
  Status ConsumeLineEnd();
  Status SkipBlankLines();
  void SkipByteOrderMark();

  int Peek();           // next byte (0-255) or kEof, without consuming
  Status Take();        // consumes the peeked byte, tracks position and UTF-8
  Status CheckAtEof();  // an incomplete UTF-8 sequence at the end is an error
  Status Append(std::string& field, char c);
  Status CountDelimiter();
  Status RecordTooLong() const;
  Status Error(std::string_view what) const;  // at the current line
  Status ErrorAt(int64_t line, std::string_view what) const;

  static constexpr int kEof = -1;

  std::streambuf* buf_;
  std::string lookahead_;  // bytes read while looking for a byte order mark
  size_t lookahead_pos_ = 0;
  std::string origin_;
  CsvOptions options_;
  Status sticky_;
  bool started_ = false;
  int64_t record_line_ = 0;
  int64_t line_ = 1;    // physical line of the next byte
  int64_t column_ = 1;  // byte column of the next byte
  size_t record_bytes_ = 0;
  size_t field_index_ = 0;
  // Incremental UTF-8 check: continuation bytes still expected, the allowed
  // range of the next one, and where the current sequence started.
  int utf8_pending_ = 0;
  unsigned char utf8_lo_ = 0x80;
  unsigned char utf8_hi_ = 0xBF;
  int64_t utf8_line_ = 0;
  int64_t utf8_column_ = 0;
};

// Returns the field as it must appear in a CSV file: unchanged when it
// contains no ',', '"', CR or LF and does not start with a byte order mark;
// otherwise wrapped in quotes with each '"' doubled.
std::string CsvEscape(std::string_view field);

// Writes one record: fields escaped, joined by ',', ended by "\n". A record
// of a single empty field is written as "\"\"" so that it is not read back as
// a blank line. Output depends only on `row`, never on locale or platform.
void WriteCsvRow(std::ostream& out, const std::vector<std::string>& row);

}  // namespace vka::base
