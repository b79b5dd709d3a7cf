#include "base/line_reader.h"

#include <gtest/gtest.h>

#include <sstream>

namespace vka::base {
namespace {

TEST(LineReader, ReadsLinesWithCrLfAndNoFinalNewline) {
  std::istringstream in("one\r\ntwo\n\nthree");
  LineReader reader(in, 100);
  std::string line;
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "one");
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "two");
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "");
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "three");
  EXPECT_TRUE(reader.last_line_unterminated());
  EXPECT_EQ(reader.line_number(), 4);
  EXPECT_EQ(reader.Next(line), LineReader::Outcome::kEnd);
}

TEST(LineReader, SkipsOverlongLinesWithoutHoldingThem) {
  std::string big(3 << 20, 'x');  // 3 MiB, across several read chunks
  std::istringstream in("short\n" + big + "\nafter\n");
  LineReader reader(in, 1 << 20);
  std::string line;
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kTooLong);
  EXPECT_TRUE(line.empty());
  EXPECT_EQ(reader.line_number(), 2);
  ASSERT_EQ(reader.Next(line), LineReader::Outcome::kLine);
  EXPECT_EQ(line, "after");
  EXPECT_EQ(reader.line_number(), 3);
  EXPECT_EQ(reader.Next(line), LineReader::Outcome::kEnd);
}

}  // namespace
}  // namespace vka::base
