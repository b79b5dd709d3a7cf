#pragma once

// Reads lines from a stream without ever holding more than max_line_bytes of
// one line in memory: an over-long line is reported and skipped, so that a
// hostile 100 MB line cannot exhaust memory.

#include <cstdint>
#include <istream>
#include <string>

namespace vka::base {

class LineReader {
 public:
  enum class Outcome { kLine, kTooLong, kEnd };

  LineReader(std::istream& in, size_t max_line_bytes) : in_(in), max_(max_line_bytes) {}

  // Reads the next line (without "\n" and a trailing "\r") into line.
  // kTooLong: the line was longer than the limit and was skipped; line is
  // empty. kEnd: no more input. Not thread-safe.
  Outcome Next(std::string& line);

  // 1-based number of the line last returned.
  int64_t line_number() const { return line_number_; }
  // Bytes consumed so far.
  uint64_t bytes_read() const { return bytes_read_; }
  // True when the last line returned had no final newline.
  bool last_line_unterminated() const { return unterminated_; }

 private:
  bool Fill();

  std::istream& in_;
  size_t max_;
  std::string buffer_;
  size_t pos_ = 0;
  int64_t line_number_ = 0;
  uint64_t bytes_read_ = 0;
  bool unterminated_ = false;
};

}  // namespace vka::base
